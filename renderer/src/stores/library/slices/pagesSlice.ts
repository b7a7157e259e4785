/**
 * The pages: the page cache (pageCache.ts, pure) plus the asking — one request
 * per page at a time, answers stored only while current, pages that arrive while
 * scrolling stored together on the next frame, a settle delay after long jumps
 * and one refresh for a burst of structural events. A view's first page and its
 * count are asked side by side: the rows show as soon as they come, the count
 * (which takes longer for a broad search) sets the grid's full height when it lands.
 */
import type { Generation } from '../../../../../shared/domain'
import { atelier } from '../../../api/client'
import { describeError } from '../../../api/errors'
import {
  focusing,
  forNewView,
  forRefresh,
  isCurrent,
  itemAt,
  pageCacheOf,
  requestFor,
  show,
  stampOf,
  trimmedToTotal,
  withArrived,
  withCount,
  withCursor,
  withEvents,
  withPage,
} from '../pageCache'
import { pageOf } from '../paging'
import { viewToFilter } from '../view'
import type { LibrarySlice } from './types'

const REFRESH_DEBOUNCE_MS = 150
/** After a long jump, pages load once the view has stayed put this long. */
const SETTLE_MS = 70

const without = <T>(record: Readonly<Record<number, T>>, key: number): Record<number, T> => {
  const { [key]: _gone, ...rest } = record
  return rest
}

export const createPagesSlice: LibrarySlice<'reload' | 'showRange' | 'fetchAt' | 'refresh' | 'apply'> = (set, get) => {
  const commitArrived = () => {
    const { arrived } = get()
    set({ frameRequested: false, arrived: {} })
    if (Object.keys(arrived).length === 0) return
    const cache = pageCacheOf(get())
    const next = withArrived(cache, arrived)
    if (next !== cache) set({ pages: next.pages })
  }

  /** One render per frame, however many answers came in (where there are frames; at once elsewhere). */
  const storeSoon = (page: number, items: Generation[]) => {
    set((s) => ({ arrived: { ...s.arrived, [page]: items } }))
    if (typeof requestAnimationFrame !== 'function') return commitArrived()
    if (!get().frameRequested) {
      set({ frameRequested: true })
      requestAnimationFrame(commitArrived)
    }
  }

  const failed = (stamp: { viewToken: number }) => (error: unknown) => {
    if (stamp.viewToken !== get().viewToken) return
    set((s) => ({ status: s.total === null ? 'error' : s.status, error: describeError(error) }))
  }

  /** One page of the current view; stored unless the view or the data moved on meanwhile. */
  const loadPage = (page: number, opening: boolean, soon = false): Promise<void> => {
    const running = get().inFlight[page]
    if (running && !opening) return running
    const cache = pageCacheOf(get())
    const stamp = stampOf(cache)
    const request: Promise<void> = atelier
      .invoke('generation.list', { ...viewToFilter(get().view), ...requestFor(cache, page) })
      .then((answer) => {
        const now = pageCacheOf(get())
        if (!isCurrent(now, stamp)) return
        const continued = withCursor(now, page, answer.nextCursor)
        if (continued !== now) set({ cursors: continued.cursors })
        if (soon && !opening) return storeSoon(page, answer.items)
        const stored = withPage(continued, page, answer, opening)
        if (stored)
          set({ pages: stored.pages, total: stored.total, counted: stored.counted, status: 'ready', error: null })
      })
      .catch(failed(stamp))
      .finally(() => {
        if (get().inFlight[page] === request) set((s) => ({ inFlight: without(s.inFlight, page) }))
      })
    set((s) => ({ inFlight: { ...s.inFlight, [page]: request } }))
    return request
  }

  /** The current view's count; stored unless the view or the data moved on meanwhile. */
  const loadCount = (): Promise<void> => {
    const stamp = stampOf(pageCacheOf(get()))
    return atelier
      .invoke('generation.count', viewToFilter(get().view))
      .then(({ total }) => {
        const now = pageCacheOf(get())
        if (!isCurrent(now, stamp)) return
        const counted = withCount(now, total)
        set({ total: counted.total, counted: true, pages: counted.pages, status: 'ready', error: null })
      })
      .catch(failed(stamp))
  }

  const scheduleRefresh = () => {
    if (get().refreshTimer) return
    const refreshTimer = setTimeout(() => {
      set({ refreshTimer: null })
      void get().refresh()
    }, REFRESH_DEBOUNCE_MS)
    set({ refreshTimer })
  }

  return {
    async reload() {
      await get().hydrate()
      set({ ...forNewView(pageCacheOf(get())), inFlight: {}, status: 'loading', error: null })
      await Promise.all([loadPage(0, true), loadCount()])
    },

    showRange(first, last, forward = true) {
      const shown = show(pageCacheOf(get()), first, last, forward)
      if (shown.cache.total === null) return set({ visible: shown.cache.visible })
      const { settleTimer, arrived, pages } = get()
      if (settleTimer) clearTimeout(settleTimer)
      const timer = shown.jumped
        ? setTimeout(() => {
            set({ settleTimer: null })
            get().showRange(...get().visible)
          }, SETTLE_MS)
        : null
      // One update per call: this runs on every scroll frame.
      set({
        visible: shown.cache.visible,
        settleTimer: timer,
        ...(shown.cache.pages !== pages ? { pages: shown.cache.pages, cursors: shown.cache.cursors } : {}),
      })
      // The screen's pages first, then the one ahead (each page is asked once at a time).
      for (const page of [...shown.missing, ...shown.ahead]) if (!arrived[page]) void loadPage(page, false, true)
    },

    async fetchAt(position) {
      const { total } = get()
      if (total === null || position < 0 || position >= total) return undefined
      const known = itemAt(get(), position)
      if (known) return known
      set({ visible: focusing(pageCacheOf(get()), position).visible })
      await loadPage(pageOf(position), false)
      return itemAt(get(), position)
    },

    refresh() {
      if (get().status === 'idle') return Promise.resolve()
      const { cache, pages } = forRefresh(pageCacheOf(get()))
      // Bumped before the first request, so the requests below carry the new stamp.
      set({ freshness: cache.freshness, cursors: cache.cursors, inFlight: {} })
      const done = (async (): Promise<void> => {
        // The new count comes beside the page at the top; pages past the end are dropped below.
        await Promise.all([loadCount(), loadPage(pages[0] ?? 0, true)])
        await Promise.all(pages.slice(1).map((page) => loadPage(page, false)))
        if (get().freshness !== cache.freshness) {
          // A newer refresh made these answers stale: this one is done when that one is
          // (a delete awaits its refresh before it looks at the rows).
          const latest = get().refreshing
          if (latest && latest.freshness > cache.freshness) return latest.done
          return
        }
        set({ pages: trimmedToTotal(pageCacheOf(get())).pages })
      })()
      set({ refreshing: { freshness: cache.freshness, done } })
      return done
    },

    apply(incoming) {
      const { view, status } = get()
      if (status === 'idle' || incoming.length === 0) return
      const cache = pageCacheOf(get())
      const applied = withEvents(cache, view, incoming)
      if (applied.cache !== cache) set({ pages: applied.cache.pages })
      if (applied.structural) scheduleRefresh()
    },
  }
}
