import type { StoreApi } from 'zustand'
import type { Generation } from '../../../../../shared/domain'
import type { LibraryState } from '../initialState'
import type { LibraryView } from '../view'

export interface LibraryActions {
  setSearch(search: string): Promise<void>
  /** Changes filters, sort or trash; the selection is cleared (it belonged to the old view). */
  setView(patch: Partial<LibraryView>): Promise<void>
  resetFilters(): Promise<void>
  /** Reads the saved view once; every query waits for it. */
  hydrate(): Promise<void>
  /** Asks for the first screen of the current view (answers to older views are dropped). */
  reload(): Promise<void>
  /**
   * The grid shows positions first..last, moving down (`forward`, the default) or up: load what is
   * missing there and the page just ahead in that direction, drop what is far away.
   */
  showRange(first: number, last: number, forward?: boolean): void
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

/** One slice: some of the actions, over the whole store. */
export type LibrarySlice<K extends keyof LibraryActions> = (
  set: StoreApi<LibraryStore>['setState'],
  get: StoreApi<LibraryStore>['getState'],
) => Pick<LibraryActions, K>
