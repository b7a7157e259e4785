/**
 * The library's commands (browse, trash, lineage, files, export/import, the
 * saved view) and the desktop file actions, as router handlers. createCore
 * spreads these into its table; they depend on the library, the file check and
 * the optional desktop port, never on Electron.
 */
import { unlink } from 'node:fs/promises'
import { extname } from 'node:path'
import type { CommandHandlers } from '../ipc/router'
import { UserFacingError } from '../ipc/errors'
import type { DesktopPort, KeyValueStore, Logger } from '../ports'
import type { Generation } from '../../../shared/domain'
import type { EventPayload } from '../../../shared/contract'
import { exportGenerations, importGenerations } from '../transfer'
import type { FileCheck } from '../files'
import type { Library } from '../db/types'

export type LibraryCommandName =
  | 'library.ids'
  | 'library.setFavorite'
  | 'library.delete'
  | 'library.restore'
  | 'library.emptyTrash'
  | 'library.lineage'
  | 'library.checkFiles'
  | 'library.export'
  | 'library.import'
  | 'library.view'
  | 'library.saveView'
  | 'file.copyImage'
  | 'file.saveAs'
  | 'file.reveal'
  | 'file.startDrag'
  | 'file.chooseFolder'

export interface LibraryCommandDeps {
  library: Library
  fileCheck: FileCheck
  logger: Logger
  store: KeyValueStore
  desktop: DesktopPort | undefined
  now: () => Date
  /** Rows that changed (coalesced into generation.updated). */
  emitGenerations: (generations: Generation[]) => void
  /** Many rows changed: lists should be asked again. */
  emitLibraryChanged: (reason: EventPayload<'library.changed'>['reason']) => void
}

/** "Select all" answers at most this many ids. */
export const SELECT_ALL_CAP = 200_000
/** Bulk changes up to this size also go out row by row (the queue shows them); beyond, only `library.changed`. */
const EVENT_ROWS_CAP = 500
const VIEW_KEY = 'libraryView'

function fileName(generation: Generation): string {
  const words = generation.prompt
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '')
  const ext = generation.image ? extname(generation.image.path) : '.png'
  return `${words || 'atelier'}-${generation.id.slice(0, 8)}${ext}`
}

export function createLibraryCommands(deps: LibraryCommandDeps): Pick<CommandHandlers, LibraryCommandName> {
  const { library, desktop } = deps

  const announce = (ids: readonly string[], reason: EventPayload<'library.changed'>['reason']) => {
    if (ids.length === 0) return
    if (ids.length <= EVENT_ROWS_CAP) deps.emitGenerations(library.getGenerations(ids))
    deps.emitLibraryChanged(reason)
  }

  /** The image file of a generation, for a desktop action. */
  const imageOf = (id: string): { generation: Generation; absolute: string } => {
    const generation = library.getGeneration(id)
    if (!generation) throw new UserFacingError('NOT_FOUND', 'That image is no longer in the library.')
    if (!generation.image) throw new UserFacingError('NOT_READY', 'This generation has no image.')
    if (generation.image.missing) {
      throw new UserFacingError('IMAGE_MISSING', 'The image file is missing from the library folder.')
    }
    return { generation, absolute: library.resolvePath(generation.image.path) }
  }

  const needDesktop = (): DesktopPort => {
    if (!desktop) throw new UserFacingError('NOT_AVAILABLE', 'This needs the Atelier desktop app.')
    return desktop
  }

  return {
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
      if (removed.length > 0) deps.emitLibraryChanged('trashEmptied')
      return { removed: removed.length, files: deleted }
    },

    'library.lineage': async ({ id }) => {
      if (!library.getGeneration(id)) throw new UserFacingError('NOT_FOUND', 'That image is no longer in the library.')
      return library.lineage(id)
    },

    'library.checkFiles': async ({ ids }) => ({ generations: await deps.fileCheck.check(ids) }),

    'library.export': async ({ ids, destination }) =>
      exportGenerations({ library, ids, destination, logger: deps.logger, now: deps.now }),

    'library.import': async ({ source }) => {
      const result = await importGenerations({ library, source, logger: deps.logger })
      if (result.imported > 0) deps.emitLibraryChanged('imported')
      return result
    },

    'library.view': async () => {
      const view = deps.store.get(VIEW_KEY)
      return { view: typeof view === 'string' ? view : null }
    },

    'library.saveView': async ({ view }) => {
      deps.store.set(VIEW_KEY, view)
      return {}
    },

    'file.copyImage': async ({ id }) => {
      const port = needDesktop()
      await port.copyImage(imageOf(id).absolute)
      return {}
    },

    'file.saveAs': async ({ id }) => {
      const port = needDesktop()
      const { generation, absolute } = imageOf(id)
      return { path: await port.saveAs(absolute, fileName(generation)) }
    },

    'file.reveal': async ({ id }) => {
      needDesktop().reveal(imageOf(id).absolute)
      return {}
    },

    'file.startDrag': async ({ ids }) => {
      const port = needDesktop()
      const files = ids.map((id) => imageOf(id))
      const first = files[0]!
      port.startDrag(
        files.map((file) => file.absolute),
        library.resolvePath(first.generation.image!.thumbPath),
      )
      return {}
    },

    'file.chooseFolder': async ({ purpose }) => ({ path: await needDesktop().chooseFolder(purpose) }),
  }
}
