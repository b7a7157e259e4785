/**
 * The windowed grid's arithmetic: rows live in fixed-size pages by position;
 * only the pages around what is on screen are kept, so memory does not grow
 * with the library however far one scrolls.
 */
export const PAGE_SIZE = 60
/** Pages kept on each side of the visible ones. */
export const KEEP_PAGES = 4

export const pageOf = (position: number): number => Math.floor(position / PAGE_SIZE)

/** Page indexes covering positions first..last (inclusive), within the total. */
export function pagesCovering(first: number, last: number, total: number): number[] {
  if (total <= 0 || last < first) return []
  const from = pageOf(Math.max(0, first))
  const to = pageOf(Math.min(total - 1, Math.max(0, last)))
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/** Whether a loaded page is near enough to what is visible to be kept. */
export function isKept(page: number, first: number, last: number): boolean {
  return page >= pageOf(Math.max(0, first)) - KEEP_PAGES && page <= pageOf(Math.max(0, last)) + KEEP_PAGES
}
