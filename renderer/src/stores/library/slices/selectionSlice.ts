/** The selection: click, Ctrl/⌘-click, Shift-range from the anchor (loading rows as needed), and "all". */
import { atelier } from '../../../api/client'
import { describeError } from '../../../api/errors'
import { itemAt } from '../pageCache'
import { viewToFilter } from '../view'
import type { LibrarySlice } from './types'

export const createSelectionSlice: LibrarySlice<'select' | 'selectAll' | 'clearSelection'> = (set, get) => {
  const idsInRange = async (from: number, to: number): Promise<string[]> => {
    const ids: string[] = []
    for (let position = from; position <= to; position++) {
      const item = itemAt(get(), position) ?? (await get().fetchAt(position))
      if (item) ids.push(item.id)
    }
    return ids
  }

  return {
    async select(id, position, mode) {
      const { selection, anchor } = get()
      if (mode === 'range' && anchor !== null) {
        const ids = await idsInRange(Math.min(anchor, position), Math.max(anchor, position))
        set({ selection: new Set([...selection, ...ids]) })
        return
      }
      const next = new Set(mode === 'only' ? [] : selection)
      if (mode !== 'only' && next.has(id)) next.delete(id)
      else next.add(id)
      set({ selection: next, anchor: position })
    },

    async selectAll() {
      try {
        const { ids } = await atelier.invoke('library.ids', viewToFilter(get().view))
        set({ selection: new Set(ids) })
      } catch (error) {
        set({ actionError: describeError(error) })
      }
    },

    clearSelection: () => set({ selection: new Set(), anchor: null }),
  }
}

/** The selection less some ids (linear: a selection can hold the whole library). */
export function without(selection: ReadonlySet<string>, ids: readonly string[]): ReadonlySet<string> {
  if (ids.length === 0) return selection
  const next = new Set(selection)
  for (const id of ids) next.delete(id)
  return next
}
