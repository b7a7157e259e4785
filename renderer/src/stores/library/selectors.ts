import type { LibraryStore } from './store'
import { isFiltered } from './view'

export const selectIsFiltered = (state: LibraryStore): boolean => isFiltered(state.view)

export const selectSelectionCount = (state: LibraryStore): number => state.selection.size

/** The selected rows that are loaded (actions that need whole rows, e.g. export names, use ids). */
export const selectSelectedIds = (state: LibraryStore): string[] => [...state.selection]
