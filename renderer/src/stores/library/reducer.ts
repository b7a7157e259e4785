/**
 * Keeping loaded library pages in step with `generation.updated` events without
 * reloading: newer versions replace, new generations that belong to the current
 * query are inserted in place, un-favourited items leave the favourites view.
 */
import type { Generation } from '../../../../shared/domain'

export interface LibraryQuery {
  search: string
  favoritesOnly: boolean
}

export interface LoadedPages {
  items: Generation[]
  nextCursor: string | null
}

/** A local approximation of the core's prefix search, for items that arrive by event. */
export function matchesQuery(generation: Generation, query: LibraryQuery): boolean {
  if (query.favoritesOnly && !generation.favorite) return false
  const words = query.search.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const prompt = generation.prompt.toLowerCase()
  return words.every((word) => prompt.includes(word))
}

const isNewer = (a: Generation, b: Generation): boolean =>
  a.createdAt === b.createdAt ? a.id > b.id : a.createdAt > b.createdAt

/** Returns the new item list, or null when nothing changed. */
export function applyToPages(pages: LoadedPages, query: LibraryQuery, incoming: readonly Generation[]): Generation[] | null {
  let items: Generation[] | null = null
  for (const item of incoming) {
    const list: Generation[] = items ?? pages.items
    const index = list.findIndex((g) => g.id === item.id)
    if (index >= 0) {
      if (list[index]!.version >= item.version) continue
      items = [...list]
      if (query.favoritesOnly && !item.favorite) items.splice(index, 1)
      else items[index] = item
      continue
    }
    if (!matchesQuery(item, query)) continue
    const last = list[list.length - 1]
    // Older than everything loaded while more pages exist: it will arrive with its page.
    if (last && pages.nextCursor !== null && !isNewer(item, last)) continue
    const at = list.findIndex((g) => isNewer(item, g))
    items = [...list]
    items.splice(at === -1 ? items.length : at, 0, item)
  }
  return items
}
