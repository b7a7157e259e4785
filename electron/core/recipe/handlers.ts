/**
 * The recipe feature's commands: recipe.read (an image dropped into the studio:
 * restore its prompt, ratio and references) and library.importFiles (images
 * dropped on the library become generations). See docs/recipe.md.
 */
import type { Changes } from '../changes'
import type { Library } from '../db'
import { UserFacingError } from '../ipc/errors'
import type { Feature } from '../ipc/router'
import type { Clock, Logger } from '../ports'
import { MAX_INPUT_BYTES } from '../references'
import { importDroppedFiles, type ImportFilesLibrary } from './importFiles'
import { readRecall, type RecallLibrary } from './recall'

export type RecipeCommand = 'recipe.read' | 'library.importFiles'

export interface RecipeDeps {
  library: RecallLibrary & ImportFilesLibrary & Pick<Library, 'saveReference' | 'getGenerations'>
  logger: Logger
  clock: Clock
  changes: Changes
}

export function createRecipeFeature(deps: RecipeDeps): Feature<RecipeCommand> {
  const { library, changes } = deps
  /** One drop at a time: two drops of one image never write the same images/<id> file side by side. */
  let importing: Promise<unknown> = Promise.resolve()
  const oneAtATime = <T>(run: () => Promise<T>): Promise<T> => {
    const next = importing.then(run, run)
    importing = next.catch(() => undefined)
    return next
  }
  return {
    handlers: {
      'recipe.read': async ({ bytes }) => readRecall(library, bytes, (reference) => library.saveReference(reference)),

      'library.importFiles': async ({ files }) => {
        // One call carries what one message may (the page sends bigger drops in batches).
        const total = files.reduce((sum, file) => sum + file.bytes.byteLength, 0)
        if (files.length > 1 && total > MAX_INPUT_BYTES)
          throw new UserFacingError(
            'IMPORT_TOO_LARGE',
            'Too many bytes in one import; send the files in smaller batches.',
          )
        const outcomes = await oneAtATime(() =>
          importDroppedFiles(library, files, {
            now: () => new Date(deps.clock.now()).toISOString(),
            logger: deps.logger,
          }),
        )
        const imported = outcomes.flatMap((o) => (o.status === 'imported' && o.generationId ? [o.generationId] : []))
        if (imported.length > 0) {
          changes.generations(library.getGenerations(imported))
          changes.libraryChanged('imported')
        }
        return { files: outcomes }
      },
    },
  }
}
