import { describe, expect, it } from 'vitest'
import type { Generation } from '../../../../shared/domain'
import { makeGeneration } from '../../testing/fixtures'
import {
  emptyPageCache,
  findLoaded,
  focusing,
  forNewView,
  forRefresh,
  isCurrent,
  itemAt,
  pageCacheOf,
  positionOf,
  requestFor,
  show,
  stampOf,
  trimmedToTotal,
  withArrived,
  withCount,
  withCursor,
  withEvents,
  withPage,
  type PageCache,
} from './pageCache'
import { KEEP_PAGES, PAGE_SIZE } from './paging'
import { defaultView } from './view'

const page = (n: number): Generation[] =>
  Array.from({ length: PAGE_SIZE }, (_, i) =>
    makeGeneration({ status: 'completed', prompt: `row ${n * PAGE_SIZE + i}` }),
  )

/** A cache that knows the total and holds the given pages. */
function loaded(total: number, pages: number[], visible: [number, number] = [0, PAGE_SIZE - 1]): PageCache {
  return {
    ...emptyPageCache(),
    total,
    counted: true,
    visible,
    pages: Object.fromEntries(pages.map((n) => [n, page(n)])),
  }
}

describe('page cache', () => {
  it('finds rows by position and by id among the loaded pages only', () => {
    const cache = loaded(1000, [0, 3])
    const row = cache.pages[3]![7]!
    expect(itemAt(cache, 3 * PAGE_SIZE + 7)).toBe(row)
    expect(itemAt(cache, PAGE_SIZE)).toBeUndefined()
    expect(positionOf(cache, row.id)).toBe(3 * PAGE_SIZE + 7)
    expect(positionOf(cache, 'nope')).toBe(-1)
    expect(findLoaded(cache, row.id)).toBe(row)
    expect(findLoaded(cache, 'nope')).toBeUndefined()
  })

  it('continues from the cursor of the page before, and jumps by offset where there is none', () => {
    const cache = withCursor(emptyPageCache(), 0, 'after-0')
    expect(requestFor(cache, 1)).toEqual({ limit: PAGE_SIZE, cursor: 'after-0', offset: 0 })
    expect(requestFor(cache, 9)).toEqual({ limit: PAGE_SIZE, cursor: null, offset: 9 * PAGE_SIZE })
    expect(requestFor(cache, 0)).toEqual({ limit: PAGE_SIZE, cursor: null, offset: 0 })
    // The last page has no cursor after it: nothing is noted, the cache is the same object.
    expect(withCursor(cache, 1, null)).toBe(cache)
  })

  it('counts answers only while the view and the data are the ones they were asked for', () => {
    const cache = emptyPageCache()
    const stamp = stampOf(cache)
    expect(isCurrent(cache, stamp)).toBe(true)
    const refreshed = forRefresh(cache).cache
    expect(isCurrent(refreshed, stamp)).toBe(false)
    expect(isCurrent(refreshed, stampOf(refreshed))).toBe(true)
    const next = forNewView(refreshed)
    expect(isCurrent(next, stampOf(refreshed))).toBe(false)
  })

  it('forgets everything for a new view, and goes back to the first screen', () => {
    const cache = withCursor(loaded(500, [0, 1], [PAGE_SIZE, PAGE_SIZE * 2]), 0, 'c')
    const next = forNewView(cache)
    expect(next).toMatchObject({ total: null, pages: {}, cursors: {}, visible: [0, PAGE_SIZE - 1] })
    expect(next.viewToken).toBe(cache.viewToken + 1)
  })

  it('stores a page with its total, but not one that scrolled far away unless it brings the total', () => {
    const far = 20
    const cache = loaded(10_000, [0])
    const answer = { items: page(far), nextCursor: null, total: null }
    expect(withPage(cache, far, answer, false)).toBeNull()
    const stored = withPage(cache, far, { ...answer, total: 9_000 }, true)!
    expect(stored.total).toBe(9_000)
    expect(stored.pages[far]).toBe(answer.items)
    // No total in the answer: the one known is kept.
    expect(withPage(cache, 1, { items: page(1), nextCursor: null }, false)!.total).toBe(10_000)
  })

  it('stands in the rows seen for the count until it lands, exact once a page ends the view', () => {
    const opening = { ...emptyPageCache() }
    const first = withPage(opening, 0, { items: page(0), nextCursor: 'after-0' }, true)!
    expect(first).toMatchObject({ total: PAGE_SIZE, counted: false })
    // Another page seen before the count: the stand-in grows, never shrinks.
    expect(withPage(first, 1, { items: page(1), nextCursor: 'after-1' }, true)).toMatchObject({ total: 2 * PAGE_SIZE })
    const counted = withCount(first, 10_000)
    expect(counted).toMatchObject({ total: 10_000, counted: true })
    // Pages seen after the count leave it alone.
    expect(withPage(counted, 1, { items: page(1), nextCursor: null }, false)).toMatchObject({
      total: 10_000,
      counted: true,
    })
    // A first page that says nothing follows it is the whole view.
    const few = page(0).slice(0, 7)
    expect(withPage(opening, 0, { items: few, nextCursor: null }, true)).toMatchObject({ total: 7, counted: true })
    expect(withPage(opening, 0, { items: [], nextCursor: null }, true)).toMatchObject({ total: 0, counted: true })
    // A count smaller than the pages held (rows left meanwhile) drops the pages past it.
    expect(Object.keys(withCount(loaded(10_000, [0, 1, 2]), PAGE_SIZE + 1).pages)).toEqual(['0', '1'])
  })

  it('stores pages that arrived together, except those the screen left meanwhile', () => {
    const cache = loaded(10_000, [0])
    const arrived = { 1: page(1), 40: page(40) }
    const next = withArrived(cache, arrived)
    expect(Object.keys(next.pages).map(Number)).toEqual([0, 1])
    expect(withArrived(cache, { 40: page(40) })).toBe(cache)
  })

  it('shows a range: says which pages are missing and drops far pages with their cursors', () => {
    const cache = withCursor(loaded(100_000, [0, 1]), 1, 'after-1')
    const near = show(cache, PAGE_SIZE + 5, PAGE_SIZE * 3)
    expect(near.jumped).toBe(false)
    expect(near.missing).toEqual([2, 3])
    expect(near.ahead).toEqual([4])
    expect(near.cache.pages).toBe(cache.pages)

    const away = show(cache, PAGE_SIZE * (KEEP_PAGES + 10), PAGE_SIZE * (KEEP_PAGES + 10) + 30)
    expect(away.jumped).toBe(true)
    expect(away.missing).toEqual([])
    expect(away.cache.pages).toEqual({})
    expect(away.cache.cursors).toEqual({})
    expect(away.cache.visible).toEqual([PAGE_SIZE * (KEEP_PAGES + 10), PAGE_SIZE * (KEEP_PAGES + 10) + 30])

    // Before the first answer only the window moves.
    expect(show(emptyPageCache(), 100, 200)).toEqual({
      cache: { ...emptyPageCache(), visible: [100, 200] },
      jumped: false,
      missing: [],
      ahead: [],
    })
    // Past the end nothing is missing.
    expect(show(loaded(70, [0]), 0, 500).missing).toEqual([1])
  })

  it('asks the page ahead in the direction of travel, without widening the screen or the jump test', () => {
    const screen = [PAGE_SIZE * 10 + 5, PAGE_SIZE * 10 + 40] as const
    const cache = loaded(100_000, [9, 10], [PAGE_SIZE * 10, PAGE_SIZE * 10 + 35])
    const down = show(cache, ...screen, true)
    expect(down.missing).toEqual([])
    expect(down.ahead).toEqual([11])
    // The screen is what the grid shows, not the page ahead.
    expect(down.cache.visible).toEqual(screen)
    const up = show(cache, ...screen, false)
    expect(up.ahead).toEqual([])
    expect(show(loaded(100_000, [10], [PAGE_SIZE * 10, PAGE_SIZE * 10 + 35]), ...screen, false).ahead).toEqual([9])
    // Nothing ahead past either end, nor while a jump settles.
    expect(
      show(loaded(PAGE_SIZE * 3, [2], [PAGE_SIZE * 2, PAGE_SIZE * 2 + 35]), PAGE_SIZE * 2, PAGE_SIZE * 3 - 1, true)
        .ahead,
    ).toEqual([])
    expect(show(loaded(100_000, [0]), 0, 35, false).ahead).toEqual([])
    expect(show(cache, PAGE_SIZE * 500, PAGE_SIZE * 500 + 35, true)).toMatchObject({ jumped: true, ahead: [] })
  })

  it('keeps the page the viewer walks into', () => {
    const cache = loaded(100_000, [0])
    expect(focusing(cache, 10)).toBe(cache)
    expect(focusing(cache, PAGE_SIZE * 50 + 3).visible).toEqual([PAGE_SIZE * 50 + 3, PAGE_SIZE * 50 + 3])
  })

  it('refreshes the loaded pages near the screen and the one at its top, in order, with cursors gone', () => {
    const cache = withCursor(loaded(100_000, [2, 3, 40], [PAGE_SIZE * 4, PAGE_SIZE * 5]), 2, 'c')
    const { cache: next, pages } = forRefresh(cache)
    expect(pages).toEqual([2, 3, 4])
    expect(next.cursors).toEqual({})
    expect(next.freshness).toBe(cache.freshness + 1)
    expect(next.pages).toBe(cache.pages)
    expect(forRefresh(emptyPageCache()).pages).toEqual([0])
  })

  it('drops pages that start past a smaller total', () => {
    const cache = { ...loaded(1000, [0, 1, 2]), total: PAGE_SIZE + 1 }
    expect(Object.keys(trimmedToTotal(cache).pages).map(Number)).toEqual([0, 1])
    expect(trimmedToTotal({ ...cache, total: 0 }).pages).toEqual({})
  })

  it('applies row events in place, and says when rows moved', () => {
    const cache = loaded(1000, [0])
    const row = cache.pages[0]![4]!
    const inPlace = withEvents(cache, defaultView(), [{ ...row, favorite: true, version: row.version + 1 }])
    expect(inPlace.structural).toBe(false)
    expect(itemAt(inPlace.cache, 4)?.favorite).toBe(true)
    expect(itemAt(cache, 4)?.favorite).toBe(false)
    const stale = withEvents(cache, defaultView(), [{ ...row, favorite: true }])
    expect(stale.cache).toBe(cache)
    expect(withEvents(cache, defaultView(), [makeGeneration({ status: 'completed' })]).structural).toBe(true)
  })

  it('is read out of a larger state field by field', () => {
    const cache = loaded(5, [0])
    expect(pageCacheOf({ ...cache, unrelated: true } as PageCache)).toEqual(cache)
  })
})
