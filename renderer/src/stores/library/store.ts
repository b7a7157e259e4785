/**
 * The library view's data: the current query and the pages loaded so far
 * (cursor paging, newest first). Everything here is local: no network.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { AtelierApi } from '../../../../shared/api'
import type { Generation } from '../../../../shared/domain'
import { getAtelier } from '../../api/client'
import { describeError, type ErrorView } from '../../api/errors'
import { applyToPages, type LibraryQuery } from './reducer'

export const LIBRARY_PAGE_SIZE = 60

export interface LibraryState {
  query: LibraryQuery
  items: Generation[]
  nextCursor: string | null
  status: 'idle' | 'loading' | 'ready' | 'error'
  loadingMore: boolean
  error: ErrorView | null
  /** A favourite toggle that failed. */
  actionError: ErrorView | null
}

export interface LibraryActions {
  setSearch(search: string): Promise<void>
  setFavoritesOnly(favoritesOnly: boolean): Promise<void>
  /** Loads the first page of the current query (answers to older queries are dropped). */
  reload(): Promise<void>
  loadMore(): Promise<void>
  apply(items: readonly Generation[]): void
  setFavorite(id: string, favorite: boolean): Promise<void>
}

export type LibraryStore = LibraryState & LibraryActions

export const initialLibraryState = (): LibraryState => ({
  query: { search: '', favoritesOnly: false },
  items: [],
  nextCursor: null,
  status: 'idle',
  loadingMore: false,
  error: null,
  actionError: null,
})

export function createLibraryStore() {
  /** Bumped by every new query, so a slow answer to an old one cannot land. */
  let generation = 0

  return createStore<LibraryStore>()((set, get) => {
    const fetchPage = (cursor: string | null) => {
      const { query } = get()
      return getAtelier().invoke('generation.list', {
        cursor,
        limit: LIBRARY_PAGE_SIZE,
        search: query.search.trim(),
        favoritesOnly: query.favoritesOnly,
      })
    }

    return {
      ...initialLibraryState(),

      async setSearch(search) {
        if (search === get().query.search) return
        set((s) => ({ query: { ...s.query, search } }))
        await get().reload()
      },

      async setFavoritesOnly(favoritesOnly) {
        if (favoritesOnly === get().query.favoritesOnly) return
        set((s) => ({ query: { ...s.query, favoritesOnly } }))
        await get().reload()
      },

      async reload() {
        const mine = ++generation
        set({ status: 'loading', error: null, loadingMore: false })
        try {
          const page = await fetchPage(null)
          if (mine !== generation) return
          set({ items: page.items, nextCursor: page.nextCursor, status: 'ready' })
        } catch (error) {
          if (mine !== generation) return
          set({ status: 'error', error: describeError(error) })
        }
      },

      async loadMore() {
        const { nextCursor, loadingMore, status } = get()
        if (!nextCursor || loadingMore || status !== 'ready') return
        const mine = generation
        set({ loadingMore: true })
        try {
          const page = await fetchPage(nextCursor)
          if (mine !== generation) return
          set((s) => {
            const known = new Set(s.items.map((g) => g.id))
            return {
              items: [...s.items, ...page.items.filter((g) => !known.has(g.id))],
              nextCursor: page.nextCursor,
              loadingMore: false,
            }
          })
        } catch (error) {
          if (mine !== generation) return
          set({ loadingMore: false, error: describeError(error) })
        }
      },

      apply(incoming) {
        const { items, nextCursor, query, status } = get()
        if (status === 'idle') return
        const next = applyToPages({ items, nextCursor }, query, incoming)
        if (next) set({ items: next })
      },

      async setFavorite(id, favorite) {
        set({ actionError: null })
        try {
          const updated = await getAtelier().invoke('generation.setFavorite', { id, favorite })
          get().apply([updated])
        } catch (error) {
          set({ actionError: describeError(error) })
        }
      },
    }
  })
}

export const libraryStore = createLibraryStore()

export function useLibrary<T>(selector: (state: LibraryStore) => T): T {
  return useStore(libraryStore, selector)
}

export function bindLibraryEvents(api: AtelierApi, store = libraryStore): () => void {
  return api.on('generation.updated', ({ items }) => store.getState().apply(items))
}
