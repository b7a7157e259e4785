/**
 * Putting the library's own copy back into a database that lost what it held
 * (a rebuild, a missing library.db): styles by name, keeping their ids; collections
 * by name, keeping their ids, with only the members whose image is in the library;
 * prompts by text, keeping the later use. Merging, so running it twice adds nothing.
 */
import { randomUUID } from 'node:crypto'
import type { ExtrasRestored } from '../../../shared/contract'
import type { SqliteLibraryApi } from '../db'
import type { Logger } from '../ports'
import { readKeptExtras, type ExtrasProblem } from './files'

export const nothingRestored = (): ExtrasRestored => ({
  styles: 0,
  collections: 0,
  collectionItems: 0,
  prompts: 0,
  problems: [],
})

export interface ExtrasRestore {
  restored: ExtrasRestored
  /** The copies that could not be used, with where each was set aside (for the startup notices). */
  problems: ExtrasProblem[]
}

export async function restoreKeptExtras(library: SqliteLibraryApi, now: Date, logger: Logger): Promise<ExtrasRestore> {
  const { kept, problems } = await readKeptExtras(library.dataDir, now, logger)
  const styles = library.styles.restore(kept.styles).length
  const boards = library.mergeCollections(kept.collections, randomUUID)
  const prompts = library.history.restore(kept.history)
  const restored: ExtrasRestored = {
    styles,
    collections: boards.created,
    collectionItems: boards.added,
    prompts,
    problems: problems.map((p) => p.message),
  }
  if (styles + boards.created + boards.added + prompts > 0)
    logger.warn(
      { ...restored, problems: problems.length },
      "styles, collections and prompts restored from the library's copy",
    )
  return { restored, problems }
}
