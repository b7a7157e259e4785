/**
 * Export: a folder of images, each with a JSON sidecar (`<id>.png` +
 * `<id>.json`), plus the reference images under `refs/` so lineage survives a
 * round trip. A sidecar is written last for its image and renamed into place,
 * so a sidecar on disk always describes a whole image.
 */
import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { ExportResult } from '../../../shared/contract'
import { isFinalStatus, type Generation } from '../../../shared/domain'
import { UserFacingError } from '../ipc/errors'
import { durationMs } from '../domain/generationFacts'
import type { Library } from '../db'
import type { Logger } from '../ports'
import { checkFolder } from './folders'
import { REFS_FOLDER, toSidecar } from './sidecar'

/** What an export reads. */
export type ExportSource = Pick<Library, 'dataDir' | 'resolvePath' | 'getGenerations' | 'listGenerations' | 'lineage'>

export interface ExportOptions {
  library: ExportSource
  /** Generation ids, or null for the whole library (the trash is never exported). */
  ids: readonly string[] | null
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

async function copyIfPresent(from: string, to: string, logger: Logger): Promise<boolean> {
  try {
    await copyFile(from, to)
    return true
  } catch (error) {
    logger.warn({ err: error, from }, 'export: a file could not be copied')
    return false
  }
}

/** The generations' part of an export (the styles file is written by the handler). */
export async function exportGenerations(options: ExportOptions): Promise<Omit<ExportResult, 'styles'>> {
  const { library, logger } = options
  const folder = checkFolder(options.destination, library.dataDir, 'export')
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
  const result: Omit<ExportResult, 'styles'> = { folder, generations: 0, images: 0, references: 0 }

  for await (const generation of generationsToExport(library, options.ids)) {
    let imageFile: string | null = null
    if (generation.image && !generation.image.missing) {
      const name = `${generation.id}${extname(generation.image.path).toLowerCase()}`
      if (await copyIfPresent(library.resolvePath(generation.image.path), join(folder, name), logger)) {
        imageFile = name
        result.images += 1
      }
    }
    for (const reference of generation.references) {
      if (reference.path === null || copiedReferences.has(reference.id)) continue
      const file = `${REFS_FOLDER}/${basename(reference.path)}`
      if (await copyIfPresent(library.resolvePath(reference.path), join(folder, file), logger)) {
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
    const target = join(folder, `${generation.id}.json`)
    const part = join(folder, `.${generation.id}.json.part`)
    await writeFile(part, `${JSON.stringify(sidecar, null, 2)}\n`)
    await rename(part, target)
    result.generations += 1
  }
  logger.info({ ...result }, 'library exported')
  return result
}
