/** `library.rebuild`: "Rebuild library from files" (see rebuildLibrary.ts). */
import type { Changes } from '../changes'
import type { LibraryOptions } from '../db'
import type { ExtrasKeeper } from '../extras'
import { UserFacingError } from '../ipc/errors'
import type { Feature } from '../ipc/router'
import type { Clock, Logger } from '../ports'
import { rebuildFromFiles } from './rebuildLibrary'
import type { SwappableLibrary } from './swappableLibrary'

export interface RebuildDeps {
  holder: SwappableLibrary
  /** How the core opens its library (the same options open the fresh one). */
  libraryOptions: LibraryOptions
  logger: Logger
  clock: Clock
  changes: Changes
  /** The library's own copy of its styles, collections and prompts, which the rebuild puts back. */
  extras: Pick<ExtrasKeeper, 'hold'>
}

export function createRebuildFeature(deps: RebuildDeps): Feature<'library.rebuild'> {
  let running = false
  return {
    handlers: {
      'library.rebuild': async () => {
        if (running) throw new UserFacingError('REBUILD_RUNNING', 'The library is already being rebuilt.')
        running = true
        // The copy is brought up to date from the old database, then left alone until the new one holds it.
        let release: (() => void) | null = null
        try {
          release = await deps.extras.hold()
          const old = deps.holder.current()
          // A row still being made lives only in the database: rebuilding now could lose a paid task.
          if (old.listUnfinished().length > 0) {
            throw new UserFacingError(
              'REBUILD_BUSY',
              'Some images are still being made. Rebuild the library once they have finished.',
            )
          }
          const now = new Date(deps.clock.now())
          old.close()
          const { library, report } = await rebuildFromFiles(deps.libraryOptions, now, (fresh) =>
            deps.holder.replace(fresh),
          )
          deps.holder.replace(library)
          deps.logger.warn(
            {
              recovered: report.recovered,
              withoutRecipe: report.withoutRecipe.length,
              setAside: report.setAside,
              extras: report.extras,
            },
            'library rebuilt from files on request',
          )
          deps.changes.libraryChanged('rebuilt')
          return report
        } finally {
          release?.()
          running = false
        }
      },
    },
  }
}
