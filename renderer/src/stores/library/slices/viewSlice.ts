/** The view: read once from the core, saved on every change, and a new view means a new first screen. */
import { atelier } from '../../../api/client'
import { defaultView, viewFromQuery, viewToQuery, type LibraryView } from '../view'
import type { LibrarySlice } from './types'

export const createViewSlice: LibrarySlice<'hydrate' | 'setSearch' | 'setView' | 'resetFilters'> = (set, get) => {
  /** Saved at once (a reload right after a change must find it); the search box is debounced already. */
  const saveView = () => {
    void atelier.invoke('library.saveView', { view: viewToQuery(get().view) }).catch(() => undefined)
  }

  const newView = async (patch: Partial<LibraryView>) => {
    // The saved view lands first, so a change made while it is read is not overwritten by it.
    await get().hydrate()
    set((s) => ({ view: { ...s.view, ...patch }, selection: new Set(), anchor: null }))
    saveView()
    await get().reload()
  }

  return {
    hydrate() {
      const running = get().hydration
      if (running) return running
      const hydration = atelier
        .invoke('library.view', {})
        .then(({ view }) => set({ view: viewFromQuery(view) }))
        .catch(() => undefined)
        .finally(() => set({ hydrated: true }))
      set({ hydration })
      return hydration
    },

    async setSearch(search) {
      if (search === get().view.search) return
      await newView({ search })
    },

    setView: (patch) => newView(patch),

    resetFilters: () => newView({ ...defaultView(), sort: get().view.sort, trash: get().view.trash }),
  }
}
