/**
 * Recall: what an image's recipe says, and what of it this library already
 * holds — its generation (by id or task uuid) and its references (by content
 * hash: a row in the library, or a prepared file in refs/ named by the hash).
 */
import { stat } from 'node:fs/promises'
import type { RecipeReading } from '../../../shared/contract'
import type { ReferenceInfo } from '../../../shared/domain'
import type { Library } from '../db'
import { UserFacingError } from '../ipc/errors'
import { MAX_INPUT_BYTES } from '../references'
import { readRecipe, recipeImageFormat, type Recipe, type RecipeReference } from './index'

export type RecallLibrary = Pick<Library, 'resolvePath' | 'getGeneration' | 'getReference' | 'findExisting'>

/** The extensions reference preparation writes (references/prepare.ts). */
const PREPARED_EXTENSIONS = ['jpg', 'png', 'webp'] as const
const SHA256_HEX = /^[0-9a-f]{64}$/

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(0)

/**
 * The recipe a file carries: null when it has none or its format cannot carry
 * one (a GIF, an AVIF); throws a coded error with a sentence for a file too big
 * to read or a recipe that is damaged or hostile (RecipeError).
 */
export function recipeOf(bytes: Uint8Array): Recipe | null {
  if (bytes.byteLength > MAX_INPUT_BYTES) {
    throw new UserFacingError(
      'RECIPE_TOO_LARGE',
      `This file is ${megabytes(bytes.byteLength)} MB; Atelier reads images up to ${megabytes(MAX_INPUT_BYTES)} MB.`,
    )
  }
  if (recipeImageFormat(bytes) === null) return null
  return readRecipe(bytes)
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false
}

/** The library-relative path of a file reference's prepared copy in refs/, or null when it is not there. */
export async function preparedReferencePath(
  library: Pick<Library, 'resolvePath'>,
  hash: string,
): Promise<string | null> {
  if (!SHA256_HEX.test(hash)) return null
  for (const ext of PREPARED_EXTENSIONS) {
    const path = `refs/${hash}.${ext}`
    if (await isFile(library.resolvePath(path))) return path
  }
  return null
}

/**
 * The library's reference for a recipe's one, usable in the studio now: a link
 * whose URL the library kept, or a file whose prepared copy is on disk. A file
 * found in refs/ without a row (a library rebuilt) is described from the recipe.
 */
export async function findReference(library: RecallLibrary, wanted: RecipeReference): Promise<ReferenceInfo | null> {
  const row = library.getReference(wanted.hash)
  if (row?.kind === 'url') return row.url ? row : null
  if (row?.path && (await isFile(library.resolvePath(row.path)))) return row
  if (wanted.kind !== 'file') return null
  const path = await preparedReferencePath(library, wanted.hash)
  if (!path) return null
  return {
    id: wanted.hash,
    kind: 'file',
    path,
    url: null,
    mime: wanted.mime,
    width: wanted.width,
    height: wanted.height,
    originalBytes: null,
    preparedBytes: null,
    sourceGenerationId: wanted.sourceGenerationId,
    name: null,
  }
}

/** The generation already in the library that a recipe describes (same id; or same task uuid, then its id is unknown here). */
export function generationInLibrary(library: RecallLibrary, recipe: Recipe): { found: boolean; id: string | null } {
  if (library.getGeneration(recipe.generationId)) return { found: true, id: recipe.generationId }
  const known = library.findExisting({ ids: [], taskUuids: recipe.taskUuid ? [recipe.taskUuid] : [], sha256: [] })
  return { found: known.taskUuids.size > 0, id: null }
}

export async function readRecall(
  library: RecallLibrary,
  bytes: Uint8Array,
  remember: (reference: ReferenceInfo) => void,
): Promise<RecipeReading> {
  const recipe = recipeOf(bytes)
  if (!recipe) return { recipe: null, inLibrary: null, references: [] }
  const references = await Promise.all(
    recipe.references.map(async (wanted) => {
      const reference = await findReference(library, wanted)
      // A prepared file found without its row gets one, so generation.create accepts its id.
      if (reference && !library.getReference(reference.id)) remember(reference)
      return { hash: wanted.hash, referenceId: reference?.id ?? null, reference }
    }),
  )
  return {
    recipe: {
      generationId: recipe.generationId,
      prompt: recipe.prompt,
      aspectRatio: recipe.aspectRatio,
      taskUuid: recipe.taskUuid,
      createdAt: recipe.createdAt,
    },
    inLibrary: generationInLibrary(library, recipe).id,
    references,
  }
}
