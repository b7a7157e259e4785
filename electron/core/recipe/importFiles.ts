/**
 * library.importFiles: image files dropped on the library become generations
 * from the recipes they carry. A file is stored as it is (never re-encoded),
 * after being sniffed and decoded whole with sharp; its thumbnail is made; its
 * row goes in through the same insertion as a folder import
 * (`Library.importGenerations`), which refuses a second copy of a generation id,
 * task uuid or image.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import type { FileImportOutcome } from '../../../shared/contract'
import type { ImageFileInfo } from '../../../shared/domain'
import type { ImportedGeneration, Library } from '../db'
import { removeQuietly, writeWholeFile } from '../downloads/files'
import { rebuildThumbnail } from '../files'
import { UserFacingError } from '../ipc/errors'
import type { Logger } from '../ports'
import { MAX_INPUT_PIXELS } from '../references'
import { RecipeError, recipeImageFormat, type Recipe, type RecipeImageFormat } from './index'
import { generationFromRecipe } from './recipeOfGeneration'
import { preparedReferencePath, recipeOf } from './recall'

export type ImportFilesLibrary = Pick<
  Library,
  'dataDir' | 'resolvePath' | 'getGeneration' | 'getReference' | 'findExisting' | 'importGenerations'
>

export const NO_RECIPE_MESSAGE =
  'This image was not made by Atelier, so it has no recipe to import. Add it to the studio as a reference instead.'

const STORED = {
  png: { ext: 'png', mime: 'image/png' },
  jpeg: { ext: 'jpg', mime: 'image/jpeg' },
  webp: { ext: 'webp', mime: 'image/webp' },
} as const satisfies Record<RecipeImageFormat, { ext: string; mime: string }>

const subject = (name: string): string => (name.trim() ? `“${name.trim()}”` : 'This file')

/** Decodes every pixel (a truncated or garbled file throws); the size as displayed. */
async function decodeWhole(
  bytes: Buffer,
  format: RecipeImageFormat,
): Promise<{ width: number; height: number } | null> {
  const options = { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS } as const
  const metadata = await sharp(bytes, options).metadata()
  if (metadata.format !== format || !(metadata.width > 0) || !(metadata.height > 0)) return null
  await sharp(bytes, options).stats()
  const rotated = (metadata.orientation ?? 1) >= 5
  return { width: rotated ? metadata.height : metadata.width, height: rotated ? metadata.width : metadata.height }
}

type Checked = { ok: true; recipe: Recipe; format: RecipeImageFormat } | { ok: false; outcome: FileImportOutcome }

function check(name: string, bytes: Buffer): Checked {
  const refused = (message: string): Checked => ({
    ok: false,
    outcome: { name, status: 'refused', generationId: null, message },
  })
  if (bytes.byteLength === 0) return refused(`${subject(name)} is empty (0 bytes).`)
  const format = recipeImageFormat(bytes)
  if (!format) return refused(`${subject(name)} is not a PNG, JPEG or WebP image. ${NO_RECIPE_MESSAGE}`)
  let recipe: Recipe | null
  try {
    recipe = recipeOf(bytes)
  } catch (error) {
    if (error instanceof RecipeError || error instanceof UserFacingError)
      return refused(`${subject(name)}: ${error.message}`)
    throw error
  }
  if (!recipe) return refused(`${subject(name)}: ${NO_RECIPE_MESSAGE}`)
  return { ok: true, recipe, format }
}

async function importOne(
  library: ImportFilesLibrary,
  file: { name: string; bytes: Uint8Array },
  now: string,
): Promise<FileImportOutcome> {
  const name = file.name
  const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)
  const checked = check(name, bytes)
  if (!checked.ok) return checked.outcome
  const { recipe, format } = checked
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const existing = (generationId: string | null): FileImportOutcome => ({
    name,
    status: 'existing',
    generationId,
    message: `${subject(name)} is already in the library.`,
  })

  const known = library.findExisting({
    ids: [recipe.generationId],
    taskUuids: recipe.taskUuid ? [recipe.taskUuid] : [],
    sha256: [sha256],
  })
  if (known.ids.size > 0) return existing(recipe.generationId)
  if (known.taskUuids.size > 0 || known.sha256.size > 0) return existing(null)

  let size: { width: number; height: number } | null
  try {
    size = await decodeWhole(bytes, format)
  } catch {
    size = null
  }
  if (!size)
    return {
      name,
      status: 'refused',
      generationId: null,
      message: `${subject(name)} is damaged or incomplete, so it can't be read.`,
    }

  const stored = STORED[format]
  const image: ImageFileInfo = {
    path: `images/${recipe.generationId}.${stored.ext}`,
    thumbPath: `thumbs/${recipe.generationId}.webp`,
    width: size.width,
    height: size.height,
    bytes: bytes.byteLength,
    sha256,
    mime: stored.mime,
  }
  const referencePaths = new Map<string, string | null>()
  for (const reference of recipe.references) {
    if (reference.kind !== 'file') continue
    const row = library.getReference(reference.hash)
    referencePaths.set(reference.hash, row?.path ?? (await preparedReferencePath(library, reference.hash)))
  }
  const { generation } = generationFromRecipe(recipe, {
    image,
    now,
    referencePath: (reference) => referencePaths.get(reference.hash) ?? null,
  })

  // A file already under that name with no row (a library that lost its database) is never
  // overwritten or removed here: the same image is used as it is, another one is refused.
  const already = await readFile(library.resolvePath(image.path)).catch(() => null)
  if (already && createHash('sha256').update(already).digest('hex') !== sha256) {
    return {
      name,
      status: 'refused',
      generationId: null,
      message: `${subject(name)}: another file is already stored as ${image.path}. Rebuild the library from its files first.`,
    }
  }
  if (!already) await writeWholeFile(bytes, library.resolvePath(image.path), join(library.dataDir, 'tmp'))
  try {
    await rebuildThumbnail(
      library.resolvePath(image.path),
      library.resolvePath(image.thumbPath),
      join(library.dataDir, 'tmp'),
    )
    const record: ImportedGeneration = {
      id: generation.id,
      taskUuid: generation.taskUuid,
      status: generation.status,
      prompt: generation.prompt,
      aspectRatio: generation.aspectRatio,
      references: generation.references,
      callbackUrl: generation.callbackUrl,
      price: generation.price,
      createdAt: generation.createdAt,
      submittedAt: generation.submittedAt,
      finishedAt: generation.finishedAt,
      error: generation.error,
      image: generation.image,
      remoteUrl: generation.remoteUrl,
      favorite: generation.favorite,
    }
    const outcome = library.importGenerations([record])
    if (outcome.inserted.length === 0) throw new AlreadyThere()
  } catch (error) {
    // Nothing half-imported stays behind: the row was refused (another drop got there first) or a step failed.
    if (!already) await removeQuietly(library.resolvePath(image.path))
    await removeQuietly(library.resolvePath(image.thumbPath))
    if (error instanceof AlreadyThere)
      return existing(library.getGeneration(recipe.generationId) ? recipe.generationId : null)
    throw error
  }
  return { name, status: 'imported', generationId: generation.id, message: null }
}

class AlreadyThere extends Error {}

/** Each file in turn (two drops of one image in a batch: the second is "already in the library"). */
export async function importDroppedFiles(
  library: ImportFilesLibrary,
  files: ReadonlyArray<{ name: string; bytes: Uint8Array }>,
  options: { now: () => string; logger: Logger },
): Promise<FileImportOutcome[]> {
  const outcomes: FileImportOutcome[] = []
  for (const file of files) {
    try {
      outcomes.push(await importOne(library, file, options.now()))
    } catch (error) {
      options.logger.error({ err: error, name: file.name }, 'dropped file import failed')
      outcomes.push({
        name: file.name,
        status: 'refused',
        generationId: null,
        message: `${subject(file.name)} could not be imported. The details are in the log.`,
      })
    }
  }
  const counts = { imported: 0, existing: 0, refused: 0 }
  for (const outcome of outcomes) counts[outcome.status] += 1
  options.logger.info(counts, 'dropped files imported')
  return outcomes
}
