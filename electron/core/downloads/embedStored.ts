/**
 * Gives an image already in the library its recipe: the embedded copy is
 * written to tmp/, fsynced and renamed over the original (a crash leaves the
 * old file or the new one, never half of either). Only metadata is added
 * (docs/recipe.md): the pixels are not re-encoded.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ImageFileInfo } from '../../../shared/domain'
import { embedRecipe, readRecipe, RecipeError, type Recipe } from '../recipe'
import { ensureResultDirs, resultPaths, writeWholeFile } from './files'

export type EmbedOutcome =
  /** The file now carries the recipe; `image` has its new size and hash. */
  | { kind: 'embedded'; image: ImageFileInfo }
  /** It already carried a recipe: left as it was. */
  | { kind: 'present'; recipe: Recipe }
  /** It cannot carry one (a format without metadata, a recipe too large for a JPEG segment). */
  | { kind: 'unsupported'; error: RecipeError }

export async function embedRecipeInStored(
  dataDir: string,
  image: ImageFileInfo,
  recipe: Recipe,
): Promise<EmbedOutcome> {
  const absolute = join(dataDir, image.path)
  const original = await readFile(absolute)
  let embedded: Buffer
  try {
    const present = readRecipe(original)
    if (present) return { kind: 'present', recipe: present }
    embedded = embedRecipe(original, recipe)
  } catch (error) {
    if (error instanceof RecipeError) return { kind: 'unsupported', error }
    throw error
  }
  const paths = resultPaths(dataDir)
  await ensureResultDirs(paths)
  await writeWholeFile(embedded, absolute, paths.tmpDir)
  return {
    kind: 'embedded',
    image: { ...image, bytes: embedded.byteLength, sha256: createHash('sha256').update(embedded).digest('hex') },
  }
}
