import type { IpcError } from '../../../shared/result'

/** Why a recipe could not be written or read. Stable: callers may map a code to an action. */
export type RecipeErrorCode =
  /** Not a PNG, JPEG or WebP file. */
  | 'RECIPE_UNSUPPORTED_FORMAT'
  /** The container is broken: a chunk or segment runs past the end, a bad signature. */
  | 'RECIPE_MALFORMED_FILE'
  /** The recipe or the XMP packet is larger than a file may carry (or than we read). */
  | 'RECIPE_TOO_LARGE'
  /** The embedded metadata is there but is not a valid recipe (bad XML, bad JSON, fails the schema). */
  | 'RECIPE_INVALID'

/** A file that cannot carry or yield a recipe. The message says what is wrong, in words. */
export class RecipeError extends Error {
  override readonly name = 'RecipeError'

  constructor(
    readonly code: RecipeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  toIpcError(): IpcError {
    return { code: this.code, message: this.message }
  }
}

export const malformed = (message: string): RecipeError => new RecipeError('RECIPE_MALFORMED_FILE', message)
