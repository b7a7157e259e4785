/** library.export and library.import: a folder of images with sidecars, out and back in. */
import type { FolderChoice } from '../../../shared/contract'
import type { Changes } from '../changes'
import type { StyleStore } from '../db'
import type { Feature } from '../ipc/router'
import type { Clock, Logger } from '../ports'
import type { FolderGrants } from '../security/folderGrants'
import { exportGenerations, type ExportSource } from './exportFolder'
import { resolveFolderChoice } from './folders'
import { importGenerations, type ImportTarget } from './importFolder'
import { readStylesFile, STYLES_FILE, writeStylesFile } from './stylesFile'

export type TransferCommand = 'library.export' | 'library.import'

export interface TransferDeps {
  library: ExportSource & ImportTarget
  logger: Logger
  clock: Clock
  changes: Changes
  /** Folders the user picked; library.export / library.import take only these (or a transfers/ name). */
  grants: Pick<FolderGrants, 'take'>
  /** Written into the recipe of an exported copy whose library file has none. */
  appVersion: string
  /** The library's styles go out with every export and are merged back by name. */
  styles: Pick<StyleStore, 'list' | 'merge'>
  /** Some styles came in with an import. */
  onStylesImported(): void
}

export function createTransferFeature(deps: TransferDeps): Feature<TransferCommand> {
  const { library, logger } = deps
  const folderOf = (choice: FolderChoice, purpose: 'export' | 'import') =>
    resolveFolderChoice(choice, purpose, { grants: deps.grants, libraryRoot: library.dataDir })
  return {
    handlers: {
      'library.export': async ({ ids, folder }) => {
        const now = () => new Date(deps.clock.now())
        const result = await exportGenerations({
          library,
          ids,
          destination: await folderOf(folder, 'export'),
          logger,
          now,
          app: { name: 'Atelier', version: deps.appVersion },
        })
        let styles = 0
        try {
          styles = await writeStylesFile(result.folder, deps.styles.list(), now().toISOString())
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
          result.problems.push(`${STYLES_FILE}: already in the folder; it was left as it was`)
        }
        return { ...result, styles }
      },

      'library.import': async ({ folder }) => {
        const source = await folderOf(folder, 'import')
        const result = await importGenerations({ library, source, logger })
        if (result.imported > 0 || result.collectionItemsAdded > 0 || result.collectionsCreated > 0)
          deps.changes.libraryChanged('imported')
        const styles = deps.styles.merge(await readStylesFile(source, (problem) => result.problems.push(problem)))
        if (styles.length > 0) deps.onStylesImported()
        return { ...result, styles: styles.length }
      },
    },
  }
}
