/**
 * The library view's data: the view (search, filters, sort, trash — kept by the
 * core so it survives a restart), the number of matches, and only the pages of
 * rows around what is on screen (by position: the grid can jump anywhere in
 * 100 000 images and memory stays flat). Also the selection, and the last
 * delete for its undo. Everything here is local: no network.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { AtelierApi } from '../../../../shared/api'
import type { Generation } from '../../../../shared/domain'
import { atelier } from '../../api/client'
import { describeError, type ErrorView } from '../../api/errors'
import { isKept, pageOf, pagesCovering, PAGE_SIZE } from './paging'
import { applyToPages } from './reducer'
import { defaultView, viewFromQuery, viewToFilter, viewToQuery, type LibraryView } from './view'

export { PAGE_SIZE } from './paging'

/** The last delete, for the toast's Undo. */
export interface UndoableDelete {
  ids: string[]
  /** Rows still being made, which were kept. */
  kept: number
  /** Bumped per delete so a new toast replaces the old one. */
  serial: number
}

export interface LibraryState {
  view: LibraryView
  /** The saved view has been read (the first query waits for it). */
  hydrated: boolean
  /** Every match of the view; null until the first answer. */
  total: number | null
  /** Loaded rows by page index (PAGE_SIZE each); pages far from the screen are dropped. */
  pages: Record<number, Generation[]>
  status: 'idle' | 'loading' | 'ready' | 'error'
  error: ErrorView | null
  /** An action (favourite, delete, restore, empty) that failed. */
  actionError: ErrorView | null
  selection: ReadonlySet<string>
  /** Where the last click without Shift landed (the start of a Shift range). */
  anchor: number | null
  lastDelete: UndoableDelete | null
}

export interface LibraryActions {
  setSearch(search: string): Promise<void>
  /** Changes filters, sort or trash; the selection is cleared (it belonged to the old view). */
  setView(patch: Partial<LibraryView>): Promise<void>
  resetFilters(): Promise<void>
  /** Asks for the first screen of the current view (answers to older views are dropped). */
  reload(): Promise<void>
  /** The grid shows positions first..last: load what is missing there, drop what is far away. */
  showRange(first: number, last: number): void
  /** The row at a position, loading its page if needed (the viewer's arrow keys). */
  fetchAt(position: number): Promise<Generation | undefined>
  /** Asks again for the total and every loaded page, keeping them on screen meanwhile. */
  refresh(): Promise<void>
  apply(items: readonly Generation[]): void
  setFavorite(id: string, favorite: boolean): Promise<void>
  setFavoriteMany(ids: readonly string[], favorite: boolean): Promise<void>
  /** Moves to the trash; the toast offers undo. */
  remove(ids: readonly string[]): Promise<void>
  undoRemove(): Promise<void>
  restore(ids: readonly string[]): Promise<void>
  emptyTrash(): Promise<{ removed: number } | null>
  dismissUndo(): void
  /** Click: only this one; toggle: Ctrl/Cmd-click; range: Shift-click from the anchor. */
  select(id: string, position: number, mode: 'only' | 'toggle' | 'range'): Promise<void>
  selectAll(): Promise<void>
  clearSelection(): void
  /** A thumbnail or image did not load: have the core look at the files now (batched). */
  checkFiles(id: string): Promise<Generation | undefined>
}

export type LibraryStore = LibraryState & LibraryActions

export const initialLibraryState = (): LibraryState => ({
  view: defaultView(),
  hydrated: false,
  total: null,
  pages: {},
  status: 'idle',
  error: null,
  actionError: null,
  selection: new Set(),
  anchor: null,
  lastDelete: null,
})

const REFRESH_DEBOUNCE_MS = 150
const CHECK_BATCH_MS = 60
/** After a long jump, pages load once the view has stayed put this long. */
const SETTLE_MS = 70

/** The selection less some ids (linear: a selection can hold the whole library). */
function without(selection: ReadonlySet<string>, ids: readonly string[]): ReadonlySet<string> {
  if (ids.length === 0) return selection
  const next = new Set(selection)
  for (const id of ids) next.delete(id)
  return next
}

/** The row at a position in the loaded pages, if loaded. */
export function itemAt(state: Pick<LibraryState, 'pages'>, position: number): Generation | undefined {
  return state.pages[pageOf(position)]?.[position % PAGE_SIZE]
}

/** The position of a loaded row, or -1. */
export function positionOf(state: Pick<LibraryState, 'pages'>, id: string): number {
  for (const [key, items] of Object.entries(state.pages)) {
    const index = items.findIndex((g) => g.id === id)
    if (index >= 0) return Number(key) * PAGE_SIZE + index
  }
  return -1
}

/** A loaded row by id. */
export function findLoaded(state: Pick<LibraryState, 'pages'>, id: string): Generation | undefined {
  for (const items of Object.values(state.pages)) {
    const found = items.find((g) => g.id === id)
    if (found) return found
  }
  return undefined
}

export function createLibraryStore() {
  /** Bumped by every new view, so a slow answer to an old one cannot land. */
  let token = 0
  /** Bumped by every refresh: pages fetched before it are stale. */
  let freshness = 0
  const inFlight = new Map<number, Promise<void>>()
  /** The cursor that continues after a loaded page (sequential scrolling uses keyset paging). */
  const cursors = new Map<number, string>()
  let visible: [number, number] = [0, PAGE_SIZE - 1]
  let hydration: Promise<void> | null = null
  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  let deleteSerial = 0
  let settleTimer: ReturnType<typeof setTimeout> | null = null
  const pendingChecks = new Map<string, Array<(g: Generation | undefined) => void>>()
  let checkTimer: ReturnType<typeof setTimeout> | null = null

  return createStore<LibraryStore>()((set, get) => {
    const api = () => atelier

    const hydrate = (): Promise<void> => {
      hydration ??= api()
        .invoke('library.view', {})
        .then(({ view }) => set({ view: viewFromQuery(view) }))
        .catch(() => undefined)
        .finally(() => set({ hydrated: true }))
      return hydration
    }

    /** Saved at once (a reload right after a change must find it); the search box is debounced already. */
    const saveView = () => {
      void api()
        .invoke('library.saveView', { view: viewToQuery(get().view) })
        .catch(() => undefined)
    }

    /**
     * Pages that arrive while scrolling are stored together on the next animation frame: one
     * render per frame, however many answers came in (where there are frames; at once elsewhere).
     */
    const arrived = new Map<number, Generation[]>()
    let commitFrame = false
    const commitArrived = () => {
      commitFrame = false
      if (arrived.size === 0) return
      const [first, last] = visible
      const next = [...arrived].filter(([page]) => isKept(page, first, last))
      arrived.clear()
      if (next.length > 0) set((s) => ({ pages: { ...s.pages, ...Object.fromEntries(next) } }))
    }
    const storeSoon = (page: number, items: Generation[]) => {
      arrived.set(page, items)
      if (typeof requestAnimationFrame !== 'function') return commitArrived()
      if (!commitFrame) {
        commitFrame = true
        requestAnimationFrame(commitArrived)
      }
    }

    /** One page of the current view; stores it unless the view or the data moved on meanwhile. */
    const loadPage = (page: number, withTotal: boolean, soon = false): Promise<void> => {
      const running = inFlight.get(page)
      if (running && !withTotal) return running
      const mine = token
      const fresh = freshness
      const cursor = cursors.get(page - 1)
      const request = api()
        .invoke('generation.list', {
          ...viewToFilter(get().view),
          limit: PAGE_SIZE,
          cursor: cursor ?? null,
          offset: cursor ? 0 : page * PAGE_SIZE,
          withTotal,
        })
        .then((answer) => {
          if (mine !== token || fresh !== freshness) return
          if (answer.nextCursor) cursors.set(page, answer.nextCursor)
          if (soon && !withTotal) return storeSoon(page, answer.items)
          set((s) => {
            const [first, last] = visible
            if (!isKept(page, first, last) && !withTotal) return {}
            return {
              pages: { ...s.pages, [page]: answer.items },
              ...(answer.total !== undefined && answer.total !== null ? { total: answer.total } : {}),
              status: 'ready',
              error: null,
            }
          })
        })
        .catch((error: unknown) => {
          if (mine !== token) return
          set({ status: get().total === null ? 'error' : get().status, error: describeError(error) })
        })
        .finally(() => {
          if (inFlight.get(page) === request) inFlight.delete(page)
        })
      inFlight.set(page, request)
      return request
    }

    const scheduleRefresh = () => {
      if (refreshTimer) return
      refreshTimer = setTimeout(() => {
        refreshTimer = null
        void get().refresh()
      }, REFRESH_DEBOUNCE_MS)
    }

    const newView = async (patch: Partial<LibraryView>) => {
      // The saved view lands first, so a change made while it is read is not overwritten by it.
      await hydrate()
      set((s) => ({ view: { ...s.view, ...patch }, selection: new Set(), anchor: null }))
      saveView()
      await get().reload()
    }

    const idsInRange = async (from: number, to: number): Promise<string[]> => {
      const ids: string[] = []
      for (let position = from; position <= to; position++) {
        const item = itemAt(get(), position) ?? (await get().fetchAt(position))
        if (item) ids.push(item.id)
      }
      return ids
    }

    const flushChecks = () => {
      checkTimer = null
      const waiting = new Map(pendingChecks)
      pendingChecks.clear()
      const ids = [...waiting.keys()]
      for (let start = 0; start < ids.length; start += 500) {
        const batch = ids.slice(start, start + 500)
        api()
          .invoke('library.checkFiles', { ids: batch })
          .then(({ generations }) => {
            get().apply(generations)
            for (const id of batch) {
              const found = generations.find((g) => g.id === id)
              waiting.get(id)?.forEach((resolve) => resolve(found))
            }
          })
          .catch(() => batch.forEach((id) => waiting.get(id)?.forEach((resolve) => resolve(undefined))))
      }
    }

    return {
      ...initialLibraryState(),

      async setSearch(search) {
        if (search === get().view.search) return
        await newView({ search })
      },

      setView: (patch) => newView(patch),

      resetFilters: () => newView({ ...defaultView(), sort: get().view.sort, trash: get().view.trash }),

      async reload() {
        await hydrate()
        token += 1
        freshness += 1
        inFlight.clear()
        cursors.clear()
        visible = [0, PAGE_SIZE - 1]
        set({ status: 'loading', error: null, pages: {}, total: null })
        await loadPage(0, true)
      },

      showRange(first, last) {
        const [previous] = visible
        visible = [first, last]
        const { total, pages } = get()
        if (total === null) return
        // A jump of more than two screens (dragging the scrollbar, a fling): placeholders until it
        // slows down, instead of fetching pages that are gone before they arrive.
        if (settleTimer) clearTimeout(settleTimer)
        settleTimer = null
        if (Math.abs(first - previous) > (last - first + 1) * 2) {
          settleTimer = setTimeout(() => {
            settleTimer = null
            get().showRange(...visible)
          }, SETTLE_MS)
        } else {
          for (const page of pagesCovering(first, last, total)) {
            if (!pages[page] && !arrived.has(page)) void loadPage(page, false, true)
          }
        }
        const far = Object.keys(pages)
          .map(Number)
          .filter((page) => !isKept(page, first, last))
        if (far.length > 0) {
          set((s) => {
            const kept = { ...s.pages }
            for (const page of far) {
              delete kept[page]
              cursors.delete(page)
            }
            return { pages: kept }
          })
        }
      },

      async fetchAt(position) {
        const { total } = get()
        if (total === null || position < 0 || position >= total) return undefined
        const known = itemAt(get(), position)
        if (known) return known
        const page = pageOf(position)
        const [first, last] = visible
        // Keep the page the viewer walks into, even while the grid shows another place.
        if (!isKept(page, first, last)) visible = [position, position]
        await loadPage(page, false)
        return itemAt(get(), position)
      },

      async refresh() {
        if (get().status === 'idle') return
        freshness += 1
        inFlight.clear()
        cursors.clear()
        const loaded = Object.keys(get().pages).map(Number)
        const [first, last] = visible
        const wanted = new Set([...loaded.filter((page) => isKept(page, first, last)), pageOf(Math.max(0, first))])
        const pages = [...wanted].sort((a, b) => a - b)
        // The first request also brings the new total; pages past the end are dropped then.
        await loadPage(pages[0] ?? 0, true)
        await Promise.all(pages.slice(1).map((page) => loadPage(page, false)))
        set((s) => {
          const total = s.total ?? 0
          return {
            pages: Object.fromEntries(Object.entries(s.pages).filter(([key]) => Number(key) * PAGE_SIZE < total)),
          }
        })
      },

      apply(incoming) {
        const { pages, view, status } = get()
        if (status === 'idle' || incoming.length === 0) return
        const applied = applyToPages(pages, view, incoming)
        if (applied.pages) set({ pages: applied.pages })
        if (applied.structural) scheduleRefresh()
      },

      async setFavorite(id, favorite) {
        set({ actionError: null })
        try {
          const updated = await api().invoke('generation.setFavorite', { id, favorite })
          get().apply([updated])
        } catch (error) {
          set({ actionError: describeError(error) })
        }
      },

      async setFavoriteMany(ids, favorite) {
        if (ids.length === 0) return
        set({ actionError: null })
        try {
          await api().invoke('library.setFavorite', { ids: [...ids], favorite })
          await get().refresh()
        } catch (error) {
          set({ actionError: describeError(error) })
        }
      },

      async remove(ids) {
        if (ids.length === 0) return
        set({ actionError: null })
        try {
          const { deleted, kept } = await api().invoke('library.delete', { ids: [...ids] })
          set((s) => ({
            selection: without(s.selection, deleted),
            lastDelete: { ids: deleted, kept: kept.length, serial: ++deleteSerial },
          }))
          await get().refresh()
        } catch (error) {
          set({ actionError: describeError(error) })
        }
      },

      async undoRemove() {
        const last = get().lastDelete
        if (!last) return
        set({ lastDelete: null })
        if (last.ids.length > 0) await get().restore(last.ids)
      },

      async restore(ids) {
        if (ids.length === 0) return
        set({ actionError: null })
        try {
          const { restored } = await api().invoke('library.restore', { ids: [...ids] })
          set((s) => ({ selection: without(s.selection, restored) }))
          await get().refresh()
        } catch (error) {
          set({ actionError: describeError(error) })
        }
      },

      async emptyTrash() {
        set({ actionError: null })
        try {
          const { removed } = await api().invoke('library.emptyTrash', {})
          set({ selection: new Set(), lastDelete: null })
          await get().refresh()
          return { removed }
        } catch (error) {
          set({ actionError: describeError(error) })
          return null
        }
      },

      dismissUndo: () => set({ lastDelete: null }),

      async select(id, position, mode) {
        const { selection, anchor } = get()
        if (mode === 'range' && anchor !== null) {
          const ids = await idsInRange(Math.min(anchor, position), Math.max(anchor, position))
          set({ selection: new Set([...selection, ...ids]) })
          return
        }
        const next = new Set(mode === 'only' ? [] : selection)
        if (mode !== 'only' && next.has(id)) next.delete(id)
        else next.add(id)
        set({ selection: next, anchor: position })
      },

      async selectAll() {
        try {
          const { ids } = await api().invoke('library.ids', viewToFilter(get().view))
          set({ selection: new Set(ids) })
        } catch (error) {
          set({ actionError: describeError(error) })
        }
      },

      clearSelection: () => set({ selection: new Set(), anchor: null }),

      checkFiles(id) {
        return new Promise((resolve) => {
          const waiting = pendingChecks.get(id) ?? []
          waiting.push(resolve)
          pendingChecks.set(id, waiting)
          checkTimer ??= setTimeout(flushChecks, CHECK_BATCH_MS)
        })
      },
    }
  })
}

export const libraryStore = createLibraryStore()

export function useLibrary<T>(selector: (state: LibraryStore) => T): T {
  return useStore(libraryStore, selector)
}

/** Row changes arrive one by one; bulk changes (trash, import) say "ask again". */
export function bindLibraryEvents(api: AtelierApi, store = libraryStore): () => void {
  const offUpdated = api.on('generation.updated', ({ items }) => store.getState().apply(items))
  const offChanged = api.on('library.changed', () => void store.getState().refresh())
  return () => {
    offUpdated()
    offChanged()
  }
}
