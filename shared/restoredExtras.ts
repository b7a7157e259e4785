/**
 * The one sentence part for what a rebuild put back from the library's own copy
 * of its styles, collections and prompt history: the core's startup notice and
 * the rebuild dialog both say it this way.
 */
import type { ExtrasRestored } from './contract'

/** "1 style", "1,400 prompts". */
export const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`

/** "3 styles, 2 collections (57 images) and 140 prompts"; null when nothing came back. */
export function describeRestoredExtras(extras: ExtrasRestored): string | null {
  const parts: string[] = []
  if (extras.styles > 0) parts.push(plural(extras.styles, 'style'))
  if (extras.collections > 0 || extras.collectionItems > 0) {
    const boards = extras.collections > 0 ? plural(extras.collections, 'collection') : 'collections'
    parts.push(extras.collectionItems > 0 ? `${boards} (${plural(extras.collectionItems, 'image')})` : boards)
  }
  if (extras.prompts > 0) parts.push(plural(extras.prompts, 'prompt'))
  if (parts.length === 0) return null
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`
}
