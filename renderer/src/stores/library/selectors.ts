import type { LibraryStore } from './store'
import { isFiltered } from './view'

export const selectIsFiltered = (state: LibraryStore): boolean => isFiltered(state.view)

/** The view's count, once the core has counted it (until then the grid shows the rows seen so far). */
export const selectCount = (state: LibraryStore): number | null => (state.counted ? state.total : null)

export const selectSelectionCount = (state: LibraryStore): number => state.selection.size

/** The selected rows that are loaded (actions that need whole rows, e.g. export names, use ids). */
export const selectSelectedIds = (state: LibraryStore): string[] => [...state.selection]
