/**
 * Images made before recipes get theirs, once, in the background file check:
 * embedded through a temporary file and a rename (never re-encoded, see
 * docs/recipe.md), then the row's size and hash follow the file. When a whole
 * pass has seen every image, the library remembers it and the check stops
 * reading files for this (every later result is written with its recipe).
 */
import type { Generation } from '../../../shared/domain'
import type { Library } from '../db'
import { embedRecipeInStored } from '../downloads'
import type { Logger } from '../ports'
import { recipeOfGeneration } from '../recipe'

export const RECIPES_BACKFILLED = 'recipes-backfilled'

export type BackfillStore = Pick<Library, 'dataDir' | 'getGenerations' | 'updateGenerations' | 'getMeta' | 'setMeta'>

/** Gives these rows' images their recipe where they lack one; returns the rows that changed. */
export async function backfillRecipes(
  library: BackfillStore,
  ids: readonly string[],
  app: { name: string; version: string },
  logger: Logger,
): Promise<Generation[]> {
  const updates: Array<{ id: string; patch: { image: NonNullable<Generation['image']> } }> = []
  for (const generation of library.getGenerations(ids)) {
    if (generation.status !== 'completed' || !generation.image || generation.image.missing) continue
    try {
      const outcome = await embedRecipeInStored(library.dataDir, generation.image, recipeOfGeneration(generation, app))
      if (outcome.kind === 'embedded') updates.push({ id: generation.id, patch: { image: outcome.image } })
    } catch (error) {
      // Gone meanwhile (the trash emptied) or unreadable: the file check reports missing files.
      logger.warn({ err: error, id: generation.id }, 'could not give an older image its recipe')
    }
  }
  if (updates.length === 0) return []
  logger.info({ count: updates.length }, 'older images given their recipe')
  return library.updateGenerations(updates)
}
