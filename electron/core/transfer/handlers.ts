/** library.export and library.import: a folder of images with sidecars, out and back in. */
import type { Changes } from '../changes'
import type { Feature } from '../ipc/router'
import type { Clock, Logger } from '../ports'
import { exportGenerations, type ExportSource } from './exportFolder'
import { importGenerations, type ImportTarget } from './importFolder'

export type TransferCommand = 'library.export' | 'library.import'

export interface TransferDeps {
  library: ExportSource & ImportTarget
  logger: Logger
  clock: Clock
  changes: Changes
  /** Written into the recipe of an exported copy whose library file has none. */
  appVersion: string
}

export function createTransferFeature(deps: TransferDeps): Feature<TransferCommand> {
  const { library, logger } = deps
  return {
    handlers: {
      'library.export': async ({ ids, destination }) =>
        exportGenerations({
          library,
          ids,
          destination,
          logger,
          now: () => new Date(deps.clock.now()),
          app: { name: 'Atelier', version: deps.appVersion },
        }),

      'library.import': async ({ source }) => {
        const result = await importGenerations({ library, source, logger })
        if (result.imported > 0) deps.changes.libraryChanged('imported')
        return result
      },
    },
  }
}
