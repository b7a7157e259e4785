/** library.export and library.import: a folder of images with sidecars, out and back in. */
import type { Changes } from '../changes'
import type { StyleStore } from '../db'
import type { Feature } from '../ipc/router'
import type { Clock, Logger } from '../ports'
import { checkFolder } from './folders'
import { exportGenerations, type ExportSource } from './exportFolder'
import { importGenerations, type ImportTarget } from './importFolder'
import { readStylesFile, writeStylesFile } from './stylesFile'

export type TransferCommand = 'library.export' | 'library.import'

export interface TransferDeps {
  library: ExportSource & ImportTarget
  logger: Logger
  clock: Clock
  changes: Changes
  /** The library's styles go out with every export and are merged back by name. */
  styles: Pick<StyleStore, 'list' | 'merge'>
  /** Some styles came in with an import. */
  onStylesImported(): void
}

export function createTransferFeature(deps: TransferDeps): Feature<TransferCommand> {
  const { library, logger } = deps
  return {
    handlers: {
      'library.export': async ({ ids, destination }) => {
        const now = () => new Date(deps.clock.now())
        const result = await exportGenerations({ library, ids, destination, logger, now })
        const styles = await writeStylesFile(result.folder, deps.styles.list(), now().toISOString())
        return { ...result, styles }
      },

      'library.import': async ({ source }) => {
        const result = await importGenerations({ library, source, logger })
        if (result.imported > 0) deps.changes.libraryChanged('imported')
        const styles = deps.styles.merge(await readStylesFile(checkFolder(source, library.dataDir, 'import'), (problem) => result.problems.push(problem)))
        if (styles.length > 0) deps.onStylesImported()
        return { ...result, styles: styles.length }
      },
    },
  }
}
