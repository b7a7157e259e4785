/**
 * The windowed page cache, as plain data and pure functions (no zustand, no
 * timers, no network): rows live in pages by position (paging.ts); only the
 * pages around the screen are kept; an answer is stored only if it belongs to
 * the current view and the current round of data (its stamp). The library
 * store holds one of these in its state and does the asking.
 */
import type { Generation } from '../../../../shared/domain'
import { isKept, pageOf, pagesCovering, PAGE_SIZE } from './paging'
import { applyToPages } from './reducer'
import type { LibraryView } from './view'

export interface PageCache {
  /**
   * Every match of the view once counted (`counted`); before the count lands, the rows the
   * first answer showed (the first page is asked beside the count, and comes first). Null
   * until either answer.
   */
  total: number | null
  /** `total` is the core's count, not yet just the rows seen so far. */
  counted: boolean
  /** Loaded rows by page index (PAGE_SIZE each); pages far from the screen are dropped. */
  pages: Record<number, Generation[]>
  /** The cursor that continues after a loaded page (sequential scrolling uses keyset paging). */
  cursors: Readonly<Record<number, string>>
  /** The positions on screen, first..last. */
  visible: readonly [number, number]
  /** Bumped by every new view, so a slow answer to an old one cannot land. */
  viewToken: number
  /** Bumped by every refresh: pages fetched before it are stale. */
  freshness: number
}

/** When a request was made: its answer counts only while both are unchanged. */
export interface Stamp {
  viewToken: number
  freshness: number
}

/** What to ask the core for one page. */
export interface PageRequest {
  limit: number
  cursor: string | null
  offset: number
}

export interface PageAnswer {
  items: Generation[]
  nextCursor: string | null
  total?: number | null
}

const FIRST_SCREEN: readonly [number, number] = [0, PAGE_SIZE - 1]

export const emptyPageCache = (): PageCache => ({
  total: null,
  counted: false,
  pages: {},
  cursors: {},
  visible: FIRST_SCREEN,
  viewToken: 0,
  freshness: 0,
})

/** The row at a position in the loaded pages, if loaded. */
export function itemAt(cache: Pick<PageCache, 'pages'>, position: number): Generation | undefined {
  return cache.pages[pageOf(position)]?.[position % PAGE_SIZE]
}

/** The position of a loaded row, or -1. */
export function positionOf(cache: Pick<PageCache, 'pages'>, id: string): number {
  for (const [key, items] of Object.entries(cache.pages)) {
    const index = items.findIndex((g) => g.id === id)
    if (index >= 0) return Number(key) * PAGE_SIZE + index
  }
  return -1
}

/** A loaded row by id. */
export function findLoaded(cache: Pick<PageCache, 'pages'>, id: string): Generation | undefined {
  for (const items of Object.values(cache.pages)) {
    const found = items.find((g) => g.id === id)
    if (found) return found
  }
  return undefined
}

export const stampOf = (cache: PageCache): Stamp => ({ viewToken: cache.viewToken, freshness: cache.freshness })

export const isCurrent = (cache: PageCache, stamp: Stamp): boolean =>
  stamp.viewToken === cache.viewToken && stamp.freshness === cache.freshness

/** A page continues from the cursor of the one before it when that is loaded; otherwise it is asked by offset. */
export function requestFor(cache: PageCache, page: number): PageRequest {
  const cursor = cache.cursors[page - 1]
  return { limit: PAGE_SIZE, cursor: cursor ?? null, offset: cursor ? 0 : page * PAGE_SIZE }
}

/** A new view: nothing loaded is worth keeping, and answers to the old one are stale. */
export function forNewView(cache: PageCache): PageCache {
  return {
    total: null,
    counted: false,
    pages: {},
    cursors: {},
    visible: FIRST_SCREEN,
    viewToken: cache.viewToken + 1,
    freshness: cache.freshness + 1,
  }
}

/** Notes where the page after this one continues. */
export function withCursor(cache: PageCache, page: number, nextCursor: string | null): PageCache {
  return nextCursor ? { ...cache, cursors: { ...cache.cursors, [page]: nextCursor } } : cache
}

/**
 * Stores an answer's rows (and its total, when it brought one). A page that scrolled far away
 * meanwhile is not stored, unless it is the view's opening page (`opening`). Until the count
 * lands, the total is the rows seen so far — exact once a page says nothing follows it.
 */
export function withPage(cache: PageCache, page: number, answer: PageAnswer, opening: boolean): PageCache | null {
  const [first, last] = cache.visible
  if (!isKept(page, first, last) && !opening) return null
  const pages = { ...cache.pages, [page]: answer.items }
  if (answer.total !== undefined && answer.total !== null)
    return { ...cache, pages, total: answer.total, counted: true }
  if (cache.counted) return { ...cache, pages }
  const seen = page * PAGE_SIZE + answer.items.length
  const ends = answer.nextCursor === null && (page === 0 || answer.items.length > 0)
  return { ...cache, pages, total: ends ? seen : Math.max(cache.total ?? 0, seen), counted: ends }
}

/** The view's count landed: the grid takes its full height; pages past the end go. */
export function withCount(cache: PageCache, total: number): PageCache {
  return trimmedToTotal({ ...cache, total, counted: true })
}

/** Stores pages that arrived together (one render), keeping only those still near the screen. */
export function withArrived(cache: PageCache, arrived: Readonly<Record<number, Generation[]>>): PageCache {
  const [first, last] = cache.visible
  const kept = Object.entries(arrived).filter(([page]) => isKept(Number(page), first, last))
  return kept.length > 0 ? { ...cache, pages: { ...cache.pages, ...Object.fromEntries(kept) } } : cache
}

export interface Shown {
  cache: PageCache
  /** A jump of more than two screens (dragging the scrollbar, a fling): load nothing until it settles. */
  jumped: boolean
  /** Pages on screen that are not loaded (empty after a jump). */
  missing: number[]
  /**
   * Pages just past the screen in the direction of travel that are not loaded (empty after a jump),
   * to ask after `missing`: they arrive before their rows show, and they widen neither the screen
   * nor what counts as a jump.
   */
  ahead: number[]
}

/** Pages asked ahead of the screen, in the direction of travel. */
export const AHEAD_PAGES = 1

/** Pages ahead of first..last in the direction of travel, within the total. */
export function pagesAhead(first: number, last: number, total: number, forward: boolean): number[] {
  const lastPage = pageOf(Math.max(0, total - 1))
  const from = forward ? pageOf(Math.max(0, last)) + 1 : pageOf(Math.max(0, first)) - AHEAD_PAGES
  return Array.from({ length: AHEAD_PAGES }, (_, i) => from + i).filter((page) => page >= 0 && page <= lastPage)
}

/**
 * The grid shows first..last, moving `forward` (down) or back: what is missing there and just ahead,
 * with the pages far away (and their cursors) dropped.
 */
export function show(cache: PageCache, first: number, last: number, forward = true): Shown {
  const [previous] = cache.visible
  const moved = { ...cache, visible: [first, last] as const }
  if (cache.total === null) return { cache: moved, jumped: false, missing: [], ahead: [] }
  const jumped = Math.abs(first - previous) > (last - first + 1) * 2
  const missing = jumped ? [] : pagesCovering(first, last, cache.total).filter((page) => !cache.pages[page])
  const ahead = jumped ? [] : pagesAhead(first, last, cache.total, forward).filter((page) => !cache.pages[page])
  const far = Object.keys(cache.pages)
    .map(Number)
    .filter((page) => !isKept(page, first, last))
  if (far.length === 0) return { cache: moved, jumped, missing, ahead }
  const pages = { ...cache.pages }
  const cursors = { ...cache.cursors }
  for (const page of far) {
    delete pages[page]
    delete cursors[page]
  }
  return { cache: { ...moved, pages, cursors }, jumped, missing, ahead }
}

/** The viewer walks to a position: keep its page, even while the grid shows another place. */
export function focusing(cache: PageCache, position: number): PageCache {
  const [first, last] = cache.visible
  return isKept(pageOf(position), first, last) ? cache : { ...cache, visible: [position, position] }
}

/**
 * A refresh: answers in flight are stale and cursors may point at moved rows. Returns the pages
 * to ask again, in order: those loaded near the screen and the one at its top (the first also
 * brings the new total).
 */
export function forRefresh(cache: PageCache): { cache: PageCache; pages: number[] } {
  const [first, last] = cache.visible
  const loaded = Object.keys(cache.pages).map(Number)
  const wanted = new Set([...loaded.filter((page) => isKept(page, first, last)), pageOf(Math.max(0, first))])
  return {
    cache: { ...cache, freshness: cache.freshness + 1, cursors: {} },
    pages: [...wanted].sort((a, b) => a - b),
  }
}

/** Pages that start past the total (after rows left) are dropped. */
export function trimmedToTotal(cache: PageCache): PageCache {
  const total = cache.total ?? 0
  const pages = Object.fromEntries(Object.entries(cache.pages).filter(([key]) => Number(key) * PAGE_SIZE < total))
  return { ...cache, pages }
}

/** Row events: newer versions replace loaded rows in place; anything that moves rows is `structural`. */
export function withEvents(
  cache: PageCache,
  view: LibraryView,
  incoming: readonly Generation[],
): { cache: PageCache; structural: boolean } {
  const applied = applyToPages(cache.pages, view, incoming)
  return { cache: applied.pages ? { ...cache, pages: applied.pages } : cache, structural: applied.structural }
}

/** The cache's fields of a larger state (the store spreads them into its own). */
export function pageCacheOf(state: PageCache): PageCache {
  const { total, counted, pages, cursors, visible, viewToken, freshness } = state
  return { total, counted, pages, cursors, visible, viewToken, freshness }
}
