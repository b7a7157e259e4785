/** Thumbnails that failed to load: the core looks at their files in batches (it rebuilds or flags them). */
import type { Generation } from '../../../../../shared/domain'
import { atelier } from '../../../api/client'
import type { LibrarySlice } from './types'

const CHECK_BATCH_MS = 60
const CHECK_BATCH_SIZE = 500

export const createFileChecksSlice: LibrarySlice<'checkFiles'> = (set, get) => {
  const flushChecks = () => {
    const waiting = get().pendingChecks
    set({ pendingChecks: {}, checkTimer: null })
    const answer = (id: string, found: Generation | undefined) => waiting[id]?.forEach((resolve) => resolve(found))
    const ids = Object.keys(waiting)
    for (let start = 0; start < ids.length; start += CHECK_BATCH_SIZE) {
      const batch = ids.slice(start, start + CHECK_BATCH_SIZE)
      atelier
        .invoke('library.checkFiles', { ids: batch })
        .then(({ generations }) => {
          get().apply(generations)
          for (const id of batch)
            answer(
              id,
              generations.find((g) => g.id === id),
            )
        })
        .catch(() => batch.forEach((id) => answer(id, undefined)))
    }
  }

  return {
    checkFiles(id) {
      return new Promise((resolve) => {
        set((s) => ({ pendingChecks: { ...s.pendingChecks, [id]: [...(s.pendingChecks[id] ?? []), resolve] } }))
        if (!get().checkTimer) set({ checkTimer: setTimeout(flushChecks, CHECK_BATCH_MS) })
      })
    },
  }
}
