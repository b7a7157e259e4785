import type { LibraryStore } from './store'

export const selectIsFiltered = (state: LibraryStore): boolean =>
  state.query.search.trim() !== '' || state.query.favoritesOnly

export const selectLibraryIds = (state: LibraryStore): string[] => state.items.map((g) => g.id)
