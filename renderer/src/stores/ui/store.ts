/**
 * Navigation state shared by the sidebar, the shortcuts and the views: which
 * view is shown, whether Settings is open, what the viewer shows.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'

export type View = 'studio' | 'library'

/** The viewer moves through the list it was opened from. */
export interface ViewerTarget {
  source: 'library' | 'queue'
  id: string
}

export interface UiState {
  view: View
  settingsOpen: boolean
  viewer: ViewerTarget | null
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
    searchFocusRequest: 0,
    historyRequest: 0,
    paletteOpen: false,
    showView: (view) => set({ view }),
    setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
    openViewer: (viewer) => set({ viewer }),
    closeViewer: () => set({ viewer: null }),
    focusLibrarySearch: () => set((s) => ({ view: 'library', searchFocusRequest: s.searchFocusRequest + 1 })),
    openHistory: () => set((s) => ({ view: 'studio', historyRequest: s.historyRequest + 1 })),
    setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  }))
}

export const uiStore = createUiStore()

export function useUi<T>(selector: (state: UiStore) => T): T {
  return useStore(uiStore, selector)
}
