/**
 * Navigation state shared by the sidebar, the shortcuts and the views: which
 * view is shown, whether Settings is open, what the viewer and compare show.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'

export type View = 'studio' | 'library'

/** The viewer moves through the list it was opened from. */
export interface ViewerTarget {
  source: 'library' | 'queue'
  id: string
}

/**
 * What compare shows: 2–4 generations (a library selection, the variations of
 * one prompt), or one result beside the reference images it was made from.
 */
export type CompareTarget = { kind: 'generations'; ids: string[] } | { kind: 'references'; id: string }

export interface UiState {
  view: View
  settingsOpen: boolean
  viewer: ViewerTarget | null
  compare: CompareTarget | null
  /** Bumped to ask the library's search box to take focus (Ctrl/Cmd+F). */
  searchFocusRequest: number
  /** Bumped to open the studio's prompt-history picker (from the command palette). */
  historyRequest: number
  /** The command palette (Ctrl/Cmd+K) is open. */
  paletteOpen: boolean
}

export interface UiActions {
  showView(view: View): void
  setSettingsOpen(open: boolean): void
  openViewer(target: ViewerTarget): void
  closeViewer(): void
  /** Opens compare in the viewer's place (one full-window layer at a time). */
  openCompare(target: CompareTarget): void
  closeCompare(): void
  focusLibrarySearch(): void
  /** Shows the studio and opens its prompt-history picker. */
  openHistory(): void
  setPaletteOpen(open: boolean): void
}

export type UiStore = UiState & UiActions

export function createUiStore() {
  return createStore<UiStore>()((set) => ({
    view: 'studio',
    settingsOpen: false,
    viewer: null,
    compare: null,
    searchFocusRequest: 0,
    historyRequest: 0,
    paletteOpen: false,
    showView: (view) => set({ view }),
    setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
    openViewer: (viewer) => set({ viewer }),
    closeViewer: () => set({ viewer: null }),
    openCompare: (compare) => set({ compare, viewer: null }),
    closeCompare: () => set({ compare: null }),
    focusLibrarySearch: () => set((s) => ({ view: 'library', searchFocusRequest: s.searchFocusRequest + 1 })),
    openHistory: () => set((s) => ({ view: 'studio', historyRequest: s.historyRequest + 1 })),
    setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  }))
}

export const uiStore = createUiStore()

export function useUi<T>(selector: (state: UiStore) => T): T {
  return useStore(uiStore, selector)
}
