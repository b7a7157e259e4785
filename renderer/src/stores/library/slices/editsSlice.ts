/** Favourites, the trash and the last delete's undo; a failure shows as actionError. */
import { atelier } from '../../../api/client'
import { describeError } from '../../../api/errors'
import { without } from './selectionSlice'
import type { LibrarySlice } from './types'

export const createEditsSlice: LibrarySlice<
  'setFavorite' | 'setFavoriteMany' | 'remove' | 'undoRemove' | 'restore' | 'emptyTrash' | 'dismissUndo'
> = (set, get) => ({
  async setFavorite(id, favorite) {
    set({ actionError: null })
    try {
      const updated = await atelier.invoke('generation.setFavorite', { id, favorite })
      get().apply([updated])
    } catch (error) {
      set({ actionError: describeError(error) })
    }
  },

  async setFavoriteMany(ids, favorite) {
    if (ids.length === 0) return
    set({ actionError: null })
    try {
      await atelier.invoke('library.setFavorite', { ids: [...ids], favorite })
      await get().refresh()
    } catch (error) {
      set({ actionError: describeError(error) })
    }
  },

  async remove(ids) {
    if (ids.length === 0) return
    set({ actionError: null })
    try {
      const { deleted, kept } = await atelier.invoke('library.delete', { ids: [...ids] })
      set((s) => ({
        selection: without(s.selection, deleted),
        lastDelete: { ids: deleted, kept: kept.length, serial: s.deleteSerial + 1 },
        deleteSerial: s.deleteSerial + 1,
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
      const { restored } = await atelier.invoke('library.restore', { ids: [...ids] })
      set((s) => ({ selection: without(s.selection, restored) }))
      await get().refresh()
    } catch (error) {
      set({ actionError: describeError(error) })
    }
  },

  async emptyTrash() {
    set({ actionError: null })
    try {
      const { removed } = await atelier.invoke('library.emptyTrash', {})
      set({ selection: new Set(), lastDelete: null })
      await get().refresh()
      return { removed }
    } catch (error) {
      set({ actionError: describeError(error) })
      return null
    }
  },

  dismissUndo: () => set({ lastDelete: null }),
})
