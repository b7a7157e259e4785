/**
 * Keeping the loaded pages of a windowed grid in step with `generation.updated`
 * events without asking the core: a newer version of a loaded row replaces it in
 * place; anything that moves rows (a new match, a row that leaves the view, a
 * price change under the price sort) is "structural" and makes the store ask
 * again for what is on screen.
 */
import type { Generation } from '../../../../shared/domain'
import type { LibraryView } from './view'

export type Pages = Readonly<Record<number, readonly Generation[]>>

/** Word starts, as the core's prefix search (an approximation for rows that arrive by event). */
function matchesSearch(prompt: string, search: string): boolean {
  const words = search.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu)
  if (!words) return true
  const promptWords = prompt.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  return words.every((word) => promptWords.some((candidate) => candidate.startsWith(word)))
}

function localDay(iso: string): string {
  const date = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export function matchesView(generation: Generation, view: LibraryView): boolean {
  if (Boolean(generation.deletedAt) !== view.trash) return false
  if (view.statuses.length > 0 && !view.statuses.includes(generation.status)) return false
  if (view.favoritesOnly && !generation.favorite) return false
  if (view.aspectRatios.length > 0 && !view.aspectRatios.includes(generation.aspectRatio)) return false
  if (view.usedReferences !== null && generation.references.length > 0 !== view.usedReferences) return false
  if (view.from || view.to) {
    const day = localDay(generation.createdAt)
    if (view.from && day < view.from) return false
    if (view.to && day > view.to) return false
  }
  return matchesSearch(generation.prompt, view.search)
}

export interface Applied {
  /** The new pages, or null when nothing loaded changed in place. */
  pages: Record<number, Generation[]> | null
  /** Rows moved, arrived or left: the loaded window must be asked for again. */
  structural: boolean
}

export function applyToPages(pages: Pages, view: LibraryView, incoming: readonly Generation[]): Applied {
  const where = new Map<string, [number, number]>()
  for (const [key, items] of Object.entries(pages)) items.forEach((g, index) => where.set(g.id, [Number(key), index]))
  let next: Record<number, Generation[]> | null = null
  let structural = false
  for (const item of incoming) {
    const at = where.get(item.id)
    if (!at) {
      // A row's events do not say which collections it is in; joining one says library.changed.
      if (view.collectionId === null && matchesView(item, view)) structural = true
      continue
    }
    const [page, index] = at
    const current = (next?.[page] ?? pages[page])![index]!
    if (current.version >= item.version) continue
    if (!matchesView(item, view) || (view.sort === 'price' && current.price !== item.price)) {
      structural = true
      continue
    }
    next ??= Object.fromEntries(Object.entries(pages).map(([key, items]) => [key, items as Generation[]]))
    const copy = [...next[page]!]
    copy[index] = item
    next[page] = copy
  }
  return { pages: next, structural }
}
