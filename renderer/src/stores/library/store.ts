/**
 * The library view's data: the view (search, filters, sort, trash — kept by the
 * core so it survives a restart), the number of matches, and only the pages of
 * rows around what is on screen (by position: the grid can jump anywhere in
 * 100 000 images and memory stays flat). Also the selection, and the last
 * delete for its undo. Everything here is local: no network.
 *
 * Built from slices (slices/): view, pages (over the pure page cache in
 * pageCache.ts), selection, edits (favourites, trash, undo) and file checks.
 * All state, bookkeeping included, is in initialState.ts.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { AtelierApi } from '../../../../shared/api'
import { initialLibraryState } from './initialState'
import { createEditsSlice } from './slices/editsSlice'
import { createFileChecksSlice } from './slices/fileChecksSlice'
import { createPagesSlice } from './slices/pagesSlice'
import { createSelectionSlice } from './slices/selectionSlice'
import type { LibraryStore } from './slices/types'
import { createViewSlice } from './slices/viewSlice'

export { PAGE_SIZE } from './paging'
export { findLoaded, itemAt, positionOf } from './pageCache'
export { initialLibraryState, type LibraryState, type UndoableDelete } from './initialState'
export type { LibraryActions, LibraryStore } from './slices/types'

export function createLibraryStore() {
  return createStore<LibraryStore>()((set, get) => ({
    ...initialLibraryState(),
    ...createViewSlice(set, get),
    ...createPagesSlice(set, get),
    ...createSelectionSlice(set, get),
    ...createEditsSlice(set, get),
    ...createFileChecksSlice(set, get),
  }))
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
