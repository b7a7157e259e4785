/**
 * The file.* desktop actions and library.checkFiles: what can be done with a
 * result's file on disk. The desktop port is absent in browser mode, where the
 * page uses the web's own ways instead.
 */
import { extname } from 'node:path'
import type { Generation } from '../../../shared/domain'
import type { Changes } from '../changes'
import type { Library } from '../db'
import { UserFacingError } from '../ipc/errors'
import type { Feature } from '../ipc/router'
import type { DesktopPort, Logger } from '../ports'
import type { FolderGrants } from '../security/folderGrants'
import { createFileCheck, type FileStore } from './fileCheck'

export type FilesCommand =
  'library.checkFiles' | 'file.copyImage' | 'file.saveAs' | 'file.reveal' | 'file.startDrag' | 'file.chooseFolder'

export interface FilesDeps {
  library: FileStore & Pick<Library, 'getGeneration'>
  logger: Logger
  desktop: DesktopPort | undefined
  changes: Changes
  /** The picker's answer is kept here; the page only ever sees a grant for it. */
  grants: Pick<FolderGrants, 'issue'>
  /** Written into the recipe given to an image made before recipes. */
  appVersion: string
}

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

export function createFilesFeature(deps: FilesDeps): Feature<FilesCommand> & { start(): void; stop(): Promise<void> } {
  const { library, desktop } = deps
  // Missing images are flagged, missing thumbnails rebuilt, in the background (and on demand).
  const fileCheck = createFileCheck({
    library,
    logger: deps.logger,
    onChanged: (generations) => deps.changes.generations(generations),
    app: { name: 'Atelier', version: deps.appVersion },
  })

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
    start: () => fileCheck.start(),
    stop: () => fileCheck.stop(),
    handlers: {
      'library.checkFiles': async ({ ids }) => ({ generations: await fileCheck.check(ids) }),

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

      'file.chooseFolder': async ({ purpose }) => {
        const path = await needDesktop().chooseFolder(purpose)
        return { path, grant: path === null ? null : deps.grants.issue(path, purpose) }
      },
    },
  }
}
