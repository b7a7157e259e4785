/**
 * Export: a folder of images, each with a JSON sidecar (`<id>.png` +
 * `<id>.json`), plus the reference images under `refs/` so lineage survives a
 * round trip. Every file is created exclusively: a file already in the folder
 * is never overwritten (the folder is the user's), it is reported instead. A
 * sidecar is written last for its image.
 */
import { constants } from 'node:fs'
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { ExportResult } from '../../../shared/contract'
import { isFinalStatus, type Generation } from '../../../shared/domain'
import { UserFacingError } from '../ipc/errors'
import { durationMs } from '../domain/generationFacts'
import type { Library } from '../db'
import type { Logger } from '../ports'
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

export async function exportGenerations(options: ExportOptions): Promise<ExportResult> {
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
  const result: ExportResult = { folder, generations: 0, images: 0, references: 0, collections: 0, problems }
  const exported = new Set<string>()

  for await (const generation of generationsToExport(library, options.ids)) {
    let imageFile: string | null = null
    if (generation.image && !generation.image.missing) {
      const name = `${generation.id}${extname(generation.image.path).toLowerCase()}`
      if (await copyIfPresent(library.resolvePath(generation.image.path), name)) {
        imageFile = name
        result.images += 1
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
      generation,
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
