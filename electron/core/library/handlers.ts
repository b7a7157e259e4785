/**
 * The library's commands: browse by id, favourites, the trash and lineage, over
 * the db's read model. Export/import live in transfer/, file actions in files/,
 * the saved view in settings/.
 */
import { unlink } from 'node:fs/promises'
import type { Changes, LibraryChangeReason } from '../changes'
import type { Library } from '../db'
import { requireGeneration } from '../ipc/errors'
import type { Feature } from '../ipc/router'
import type { Logger } from '../ports'

export type LibraryCommand =
  | 'library.ids'
  | 'library.setFavorite'
  | 'library.delete'
  | 'library.restore'
  | 'library.emptyTrash'
  | 'library.lineage'

/** What browsing and the trash read and write. */
export type LibraryReadModel = Pick<
  Library,
  | 'resolvePath'
  | 'getGeneration'
  | 'getGenerations'
  | 'listIds'
  | 'lineage'
  | 'setFavorites'
  | 'softDelete'
  | 'restore'
  | 'purgeTrash'
>

export interface LibraryDeps {
  library: LibraryReadModel
  logger: Logger
  changes: Changes
}

/** "Select all" answers at most this many ids. */
export const SELECT_ALL_CAP = 200_000
/** Bulk changes up to this size also go out row by row (the queue shows them); beyond, only `library.changed`. */
const EVENT_ROWS_CAP = 500

export function createLibraryFeature(deps: LibraryDeps): Feature<LibraryCommand> {
  const { library, changes } = deps

  const announce = (ids: readonly string[], reason: LibraryChangeReason) => {
    if (ids.length === 0) return
    if (ids.length <= EVENT_ROWS_CAP) changes.generations(library.getGenerations(ids))
    changes.libraryChanged(reason)
  }

  return {
    handlers: {
      'library.ids': async (filter) => library.listIds(filter, SELECT_ALL_CAP),

      'library.setFavorite': async ({ ids, favorite }) => {
        const changed = library.setFavorites(ids, favorite)
        announce(changed, 'favorites')
        return { changed: changed.length }
      },

      'library.delete': async ({ ids }) => {
        const outcome = library.softDelete(ids)
        announce(outcome.deleted, 'deleted')
        return outcome
      },

      'library.restore': async ({ ids }) => {
        const restored = library.restore(ids)
        announce(restored, 'restored')
        return { restored }
      },

      'library.emptyTrash': async () => {
        const { removed, files } = library.purgeTrash()
        let deleted = 0
        for (const file of files) {
          try {
            await unlink(library.resolvePath(file))
            deleted += 1
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
              deps.logger.warn({ err: error, file }, 'trash: file not removed')
          }
        }
        deps.logger.info({ removed: removed.length, files: deleted }, 'trash emptied')
        if (removed.length > 0) changes.libraryChanged('trashEmptied')
        return { removed: removed.length, files: deleted }
      },

      'library.lineage': async ({ id }) => {
        requireGeneration(library, id)
        return library.lineage(id)
      },
    },
  }
}
