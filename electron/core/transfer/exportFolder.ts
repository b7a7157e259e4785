/**
 * Export: a folder of images, each with a JSON sidecar (`<id>.png` +
 * `<id>.json`), plus the reference images under `refs/` so lineage survives a
 * round trip. Every file is created exclusively: a file already in the folder
 * is never overwritten (the folder is the user's), it is reported instead. A
 * sidecar is written last for its image.
 */
import { constants } from 'node:fs'
import { createHash, randomUUID } from 'node:crypto'
import { copyFile, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { ExportResult } from '../../../shared/contract'
import { isFinalStatus, type Generation } from '../../../shared/domain'
import { UserFacingError } from '../ipc/errors'
import { durationMs } from '../domain/generationFacts'
import type { Library } from '../db'
import type { Logger } from '../ports'
import { embedRecipe, readRecipe, RecipeError, recipeOfGeneration } from '../recipe'
import { COLLECTIONS_FILE, writeCollectionsFile } from './collectionsFile'
import { REFS_FOLDER, toSidecar } from './sidecar'

/** What an export reads. */
export type ExportSource = Pick<
  Library,
  'dataDir' | 'resolvePath' | 'getGenerations' | 'listGenerations' | 'lineage' | 'collectionRecords'
>

export interface ExportOptions {
  library: ExportSource
  /** Generation ids, or null for the whole library (the trash is never exported). */
  ids: readonly string[] | null
  /** Absolute, already resolved from the user's choice (folders.ts). */
  destination: string
  logger: Logger
  now: () => Date
  /** Who writes a recipe into a copy whose library file has none yet. */
  app: { name: string; version: string }
}

const BATCH = 500

/** Exportable: finished (an unfinished task belongs to this library's engine) and not in the trash. */
const exportable = (g: Generation): boolean => isFinalStatus(g.status) && !g.deletedAt

async function* generationsToExport(library: ExportSource, ids: readonly string[] | null): AsyncGenerator<Generation> {
  if (ids !== null) {
    for (let start = 0; start < ids.length; start += BATCH) {
      for (const generation of library.getGenerations(ids.slice(start, start + BATCH))) {
        if (exportable(generation)) yield generation
      }
    }
    return
  }
  let cursor: string | null = null
  do {
    const page = library.listGenerations({ sort: 'oldest', limit: BATCH, cursor })
    for (const generation of page.items) if (exportable(generation)) yield generation
    cursor = page.nextCursor
  } while (cursor !== null)
}

const MAX_PROBLEMS = 20

const alreadyThere = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'EEXIST'

/**
 * Copies a result out with its recipe: a library file that carries one is copied byte for
 * byte; an older one without is given it in the copy only (the library's file is never
 * touched here). Returns the copy's size and hash for the sidecar, or null when it failed.
 */
async function copyWithRecipe(
  from: string,
  to: string,
  generation: Generation,
  app: ExportOptions['app'],
  logger: Logger,
): Promise<{ bytes: number; sha256: string } | 'exists' | null> {
  try {
    const original = await readFile(from)
    let out: Buffer = original
    try {
      if (readRecipe(original) === null) out = embedRecipe(original, recipeOfGeneration(generation, app))
    } catch (error) {
      if (!(error instanceof RecipeError)) throw error
      logger.warn({ id: generation.id, code: error.code }, 'export: image copied without a recipe')
    }
    // Whole or not at all, and never over a file already there: written aside, then linked
    // into place (a link fails on an existing name; where links are not supported, an exclusive copy).
    const part = `${to}.${randomUUID().slice(0, 8)}.part`
    await writeFile(part, out, { flag: 'wx' })
    try {
      await link(part, to).catch(async (error: unknown) => {
        if (alreadyThere(error)) throw error
        await copyFile(part, to, constants.COPYFILE_EXCL)
      })
    } finally {
      await unlink(part).catch(() => {})
    }
    return { bytes: out.byteLength, sha256: createHash('sha256').update(out).digest('hex') }
  } catch (error) {
    if (alreadyThere(error)) return 'exists'
    logger.warn({ err: error, from }, 'export: a file could not be copied')
    return null
  }
}

/** The generations' part of an export (the styles file is written by the handler). */
export async function exportGenerations(options: ExportOptions): Promise<Omit<ExportResult, 'styles'>> {
  const { library, logger } = options
  const folder = options.destination
  const problems: string[] = []
  const note = (name: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(`${name}: already in the folder; it was left as it was`)
  }

  /** Copies without ever replacing a file; false when it did not copy (reported or logged). */
  async function copyIfPresent(from: string, name: string): Promise<boolean> {
    try {
      await copyFile(from, join(folder, name), constants.COPYFILE_EXCL)
      return true
    } catch (error) {
      if (alreadyThere(error)) note(name)
      else logger.warn({ err: error, from }, 'export: a file could not be copied')
      return false
    }
  }

  try {
    await mkdir(join(folder, REFS_FOLDER), { recursive: true })
  } catch (error) {
    logger.warn({ err: error, folder }, 'export: folder not writable')
    throw new UserFacingError(
      'EXPORT_FAILED',
      `Atelier could not write to ${folder}. Check that the folder can be written.`,
    )
  }
  const exportedAt = options.now().toISOString()
  const copiedReferences = new Map<string, string>()
  const result: Omit<ExportResult, 'styles'> = {
    folder,
    generations: 0,
    images: 0,
    references: 0,
    collections: 0,
    problems,
  }
  const exported = new Set<string>()

  for await (const generation of generationsToExport(library, options.ids)) {
    let imageFile: string | null = null
    let described = generation
    if (generation.image && !generation.image.missing) {
      const name = `${generation.id}${extname(generation.image.path).toLowerCase()}`
      const copy = await copyWithRecipe(
        library.resolvePath(generation.image.path),
        join(folder, name),
        generation,
        options.app,
        logger,
      )
      if (copy === 'exists') note(name)
      else if (copy) {
        imageFile = name
        result.images += 1
        // The sidecar describes the file beside it (an older image gained its recipe in the copy).
        described = { ...generation, image: { ...generation.image, ...copy } }
      }
    }
    for (const reference of generation.references) {
      if (reference.path === null || copiedReferences.has(reference.id)) continue
      const file = `${REFS_FOLDER}/${basename(reference.path)}`
      if (await copyIfPresent(library.resolvePath(reference.path), file)) {
        copiedReferences.set(reference.id, file)
        result.references += 1
      }
    }
    const lineage = library.lineage(generation.id)
    const sidecar = toSidecar({
      generation: described,
      imageFile,
      referenceFiles: copiedReferences,
      lineage: { parents: lineage.parents.map((g) => g.id), children: lineage.children.map((g) => g.id) },
      exportedAt,
      durationMs: durationMs(generation.status, generation.submittedAt, generation.finishedAt),
    })
    try {
      // 'wx': created here or not at all; a sidecar cut short by a crash is refused by import as unreadable JSON.
      await writeFile(join(folder, `${generation.id}.json`), `${JSON.stringify(sidecar, null, 2)}\n`, { flag: 'wx' })
    } catch (error) {
      if (!alreadyThere(error)) throw error
      note(`${generation.id}.json`)
      continue
    }
    result.generations += 1
    exported.add(generation.id)
  }
  try {
    result.collections = await writeCollectionsFile(folder, library.collectionRecords(), exported, options.ids === null)
  } catch (error) {
    if (!alreadyThere(error)) throw error
    note(COLLECTIONS_FILE)
  }
  logger.info({ ...result }, 'library exported')
  return result
}
