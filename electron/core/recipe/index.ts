/**
 * The recipe in the image file: written without re-encoding (only metadata
 * chunks and segments are added or replaced; the image data is copied byte for
 * byte) and read back from PNG, JPEG and WebP. See docs/recipe.md.
 */
import { RecipeError } from './errors'
import { embedInJpeg, readFromJpeg } from './jpeg'
import { embedInPng, PNG_SIGNATURE, readFromPng } from './png'
import { Recipe } from './schema'
import { embedInWebp, readFromWebp } from './webp'

export { RecipeError, type RecipeErrorCode } from './errors'
export { Recipe, RecipeReference, RECIPE_FORMAT, RECIPE_NAMESPACE, RECIPE_VERSION, PNG_RECIPE_KEYWORD } from './schema'
export {
  generationFactsOfRecipe,
  generationFromRecipe,
  recipeOfGeneration,
  referenceOfRecipe,
  type RebuiltGeneration,
} from './recipeOfGeneration'

export type RecipeImageFormat = 'png' | 'jpeg' | 'webp'

/** The container by its magic bytes; null for anything else. */
export function recipeImageFormat(bytes: Uint8Array): RecipeImageFormat | null {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (file.length >= 8 && file.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png'
  if (file.length >= 3 && file[0] === 0xff && file[1] === 0xd8 && file[2] === 0xff) return 'jpeg'
  if (file.length >= 12 && file.toString('latin1', 0, 4) === 'RIFF' && file.toString('latin1', 8, 12) === 'WEBP')
    return 'webp'
  return null
}

function formatOf(file: Buffer): RecipeImageFormat {
  const format = recipeImageFormat(file)
  if (!format) throw new RecipeError('RECIPE_UNSUPPORTED_FORMAT', 'Only PNG, JPEG and WebP files can carry a recipe.')
  return format
}

/**
 * The same image with the recipe embedded (any earlier Atelier recipe and XMP
 * packet replaced). Throws RecipeError for a file it cannot safely rewrite.
 */
export function embedRecipe(bytes: Uint8Array, recipe: Recipe): Buffer {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const parsed = Recipe.safeParse(recipe)
  if (!parsed.success)
    throw new RecipeError(
      'RECIPE_INVALID',
      `The recipe to embed is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}.`,
    )
  const valid = parsed.data
  switch (formatOf(file)) {
    case 'png':
      return embedInPng(file, valid)
    case 'jpeg':
      return embedInJpeg(file, valid)
    case 'webp':
      return embedInWebp(file, valid)
  }
}

/**
 * The recipe embedded in an image; null when the file carries none. Throws
 * RecipeError when the file is not a PNG/JPEG/WebP, is malformed, or carries a
 * recipe that is not valid — never anything else.
 */
export function readRecipe(bytes: Uint8Array): Recipe | null {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  try {
    switch (formatOf(file)) {
      case 'png':
        return readFromPng(file)
      case 'jpeg':
        return readFromJpeg(file)
      case 'webp':
        return readFromWebp(file)
    }
  } catch (error) {
    if (error instanceof RecipeError) throw error
    // A bounds slip in a parser is still a malformed file, not a crash.
    throw new RecipeError('RECIPE_MALFORMED_FILE', 'The image file could not be read for a recipe.', { cause: error })
  }
}
