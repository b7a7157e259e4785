/**
 * Import: reads a folder written by export back into the library with nothing
 * lost and nothing twice. The folder is someone else's: every file is read with
 * security/fileChecks (no links, no FIFOs, size caps), every sidecar is checked
 * with zod, every image and reference by its sniffed format, by decoding it and
 * against its recorded sha256 (importedFile.ts); a generation already here
 * (same id or task uuid) or whose image is already here (same sha256) is
 * skipped. Files are copied in (and thumbnails made) before the rows are
 * written, so a row never points at a file that is not there yet. Oldest
 * first, so a parent is in the library before the remixes made from it. An
 * image without a sidecar is imported from the recipe inside it (recipeSidecar.ts).
 */
import { randomUUID } from 'node:crypto'
import { opendir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { ImportResult } from '../../../shared/contract'
import { isFinalStatus, type ReferenceInfo } from '../../../shared/domain'
import { exists, removeQuietly, writeWholeFile } from '../downloads/files'
import { UserFacingError } from '../ipc/errors'
import {
  describeUnsafeFile,
  MAX_IMPORT_ENTRIES,
  MAX_SIDECAR_BYTES,
  readRegularFile,
  UnsafeFileError,
} from '../security/fileChecks'
import type { ImportedGeneration, Library } from '../db'
import type { Logger } from '../ports'
import { rebuildThumbnail } from '../files'
import { readImportedImage, REFERENCE_FORMATS, RESULT_FORMATS } from './importedFile'
import { readCollectionsFile } from './collectionsFile'
import { sidecarsFromRecipes } from './recipeSidecar'
import { Sidecar } from './sidecar'

/** What an import reads and writes. */
export type ImportTarget = Pick<
  Library,
  'dataDir' | 'resolvePath' | 'findExisting' | 'importGenerations' | 'mergeCollections'
>

export interface ImportOptions {
  library: ImportTarget
  /** Absolute, already resolved from the user's choice (folders.ts). */
  source: string
  logger: Logger
}

const MAX_PROBLEMS = 20
const BATCH = 200

/** The sidecar names in the folder, at most MAX_IMPORT_ENTRIES entries looked at. */
async function sidecarNames(folder: string, note: (problem: string) => void): Promise<string[]> {
  const names: string[] = []
  let seen = 0
  for await (const entry of await opendir(folder)) {
    if (++seen > MAX_IMPORT_ENTRIES) {
      note(`the folder holds more than ${MAX_IMPORT_ENTRIES} entries; only the first ones were looked at`)
      break
    }
    if (entry.name.endsWith('.json') && !entry.name.startsWith('.')) names.push(entry.name)
  }
  return names.sort()
}

async function readSidecars(folder: string, note: (problem: string) => void): Promise<Sidecar[]> {
  const names = await sidecarNames(folder, note)
  const sidecars: Sidecar[] = []
  for (const name of names) {
    let raw: unknown
    try {
      raw = JSON.parse((await readRegularFile(join(folder, name), MAX_SIDECAR_BYTES)).toString('utf8'))
    } catch (error) {
      note(error instanceof UnsafeFileError ? describeUnsafeFile(name, error) : `${name}: not readable JSON`)
      continue
    }
    const parsed = Sidecar.safeParse(raw)
    if (!parsed.success) {
      // Other JSON files may sit in the folder; only ones that claim to be ours are worth a word.
      if ((raw as { format?: unknown } | null)?.format === 'atelier.generation') {
        note(
          `${name}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'not a valid sidecar'}`.trim(),
        )
      }
      continue
    }
    if (!isFinalStatus(parsed.data.generation.status)) {
      note(`${name}: the generation was still in progress when it was exported`)
      continue
    }
    sidecars.push(parsed.data)
  }
  return sidecars
}

/** The image of a sidecar, checked and written in; its library-relative paths, or a reason it cannot be used. */
async function bringImage(
  library: ImportTarget,
  folder: string,
  sidecar: Sidecar,
): Promise<
  { ok: true; image: NonNullable<ImportedGeneration['image']>; files: string[] } | { ok: false; problem: string }
> {
  const image = sidecar.generation.image
  if (!image) return { ok: false, problem: 'no image' }
  const checked = await readImportedImage(folder, image.file, { sha256: image.sha256, formats: RESULT_FORMATS })
  if (!checked.ok) return checked
  const id = sidecar.generation.id
  // The name and type come from the bytes, not from the folder.
  const path = `images/${id}.${checked.image.ext}`
  const thumbPath = `thumbs/${id}.webp`
  const absolute = library.resolvePath(path)
  const tmpDir = join(library.dataDir, 'tmp')
  await writeWholeFile(checked.image.bytes, absolute, tmpDir)
  await rebuildThumbnail(absolute, library.resolvePath(thumbPath), tmpDir)
  return {
    ok: true,
    image: {
      path,
      thumbPath,
      width: checked.image.width,
      height: checked.image.height,
      bytes: checked.image.bytes.byteLength,
      sha256: image.sha256,
      mime: checked.image.mime,
    },
    files: [path, thumbPath],
  }
}

/** `refs/<sha256>.<ext>` (the sidecar pattern guarantees the shape): the hash the file must have. */
const hashOfRefFile = (file: string): string => file.slice('refs/'.length, 'refs/'.length + 64)

/**
 * The references, their files checked and written into refs/ under their hash
 * (content-addressed: one already there is kept). A reference whose file is
 * refused keeps its record, without a file (shown as missing).
 */
async function bringReferences(
  library: ImportTarget,
  folder: string,
  sidecar: Sidecar,
  note: (problem: string) => void,
): Promise<ReferenceInfo[]> {
  const references: ReferenceInfo[] = []
  for (const { file, ...reference } of sidecar.generation.references) {
    // Never a path from the folder's other library: only files this import checked get one.
    if (reference.kind !== 'file' || file === null) {
      references.push({ ...reference, path: null })
      continue
    }
    const sha256 = hashOfRefFile(file)
    const checked = await readImportedImage(folder, file, { sha256, formats: REFERENCE_FORMATS })
    if (!checked.ok) {
      note(`${sidecar.generation.id}: reference ${checked.problem}`)
      references.push({ ...reference, path: null })
      continue
    }
    const path = `refs/${sha256}.${checked.image.ext}`
    const target = library.resolvePath(path)
    if (!(await exists(target))) await writeWholeFile(checked.image.bytes, target, join(library.dataDir, 'tmp'))
    references.push({ ...reference, path, mime: checked.image.mime })
  }
  return references
}

export async function importGenerations(options: ImportOptions): Promise<Omit<ImportResult, 'styles'>> {
  const { library, logger } = options
  const folder = options.source
  const info = await stat(folder).catch(() => null)
  if (!info?.isDirectory()) throw new UserFacingError('INVALID_FOLDER', `There is no folder at ${folder}.`)

  const problems: string[] = []
  let invalid = 0
  const note = (problem: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem)
  }
  const noteInvalid = (problem: string) => {
    invalid += 1
    note(problem)
  }

  // An image without its sidecar comes in by the recipe inside it.
  const sidecars = [
    ...(await readSidecars(folder, noteInvalid)),
    ...(await sidecarsFromRecipes(folder, new Date(), noteInvalid)),
  ]
  sidecars.sort((a, b) =>
    a.generation.createdAt < b.generation.createdAt ? -1 : a.generation.createdAt > b.generation.createdAt ? 1 : 0,
  )
  const known = library.findExisting({
    ids: sidecars.map((s) => s.generation.id),
    taskUuids: sidecars.flatMap((s) => (s.generation.taskUuid ? [s.generation.taskUuid] : [])),
    sha256: sidecars.flatMap((s) => (s.generation.image ? [s.generation.image.sha256] : [])),
  })

  const result: Omit<ImportResult, 'styles'> = {
    imported: 0,
    existing: 0,
    duplicates: 0,
    invalid: 0,
    problems,
    collectionsCreated: 0,
    collectionItemsAdded: 0,
  }
  let batch: ImportedGeneration[] = []
  let batchFiles: Map<string, string[]> = new Map()
  const flush = () => {
    const outcome = library.importGenerations(batch)
    result.imported += outcome.inserted.length
    result.existing += outcome.existing
    result.duplicates += outcome.duplicates
    return { inserted: new Set(outcome.inserted), files: batchFiles }
  }
  const cleanUp = async (outcome: { inserted: Set<string>; files: Map<string, string[]> }) => {
    // Rows refused at the last moment (another import got there first) leave no files behind.
    for (const [id, files] of outcome.files) {
      if (outcome.inserted.has(id)) continue
      for (const file of files) await removeQuietly(library.resolvePath(file))
    }
  }

  for (const sidecar of sidecars) {
    const g = sidecar.generation
    if (known.ids.has(g.id) || (g.taskUuid !== null && known.taskUuids.has(g.taskUuid))) {
      result.existing += 1
      continue
    }
    if (g.image && known.sha256.has(g.image.sha256)) {
      result.duplicates += 1
      continue
    }
    let image: ImportedGeneration['image'] = null
    if (g.image) {
      const brought = await bringImage(library, folder, sidecar)
      if (!brought.ok) {
        noteInvalid(`${g.id}: ${brought.problem}`)
        continue
      }
      image = brought.image
      batchFiles.set(g.id, brought.files)
    }
    known.ids.add(g.id)
    if (g.taskUuid) known.taskUuids.add(g.taskUuid)
    if (g.image) known.sha256.add(g.image.sha256)
    batch.push({
      id: g.id,
      taskUuid: g.taskUuid,
      status: g.status,
      prompt: g.prompt,
      aspectRatio: g.aspectRatio,
      references: await bringReferences(library, folder, sidecar, note),
      callbackUrl: g.callbackUrl,
      price: g.price,
      createdAt: g.createdAt,
      submittedAt: g.submittedAt,
      finishedAt: g.finishedAt,
      error: g.error,
      image,
      remoteUrl: g.remoteUrl,
      favorite: g.favorite,
    })
    if (batch.length >= BATCH) {
      await cleanUp(flush())
      batch = []
      batchFiles = new Map()
    }
  }
  if (batch.length > 0) await cleanUp(flush())
  // Boards after every image, so their members are in the library.
  const boards = await readCollectionsFile(folder)
  if (boards.ok) {
    const merged = library.mergeCollections(boards.records, randomUUID)
    result.collectionsCreated = merged.created
    result.collectionItemsAdded = merged.added
  } else {
    noteInvalid(boards.problem)
  }
  result.invalid = invalid
  logger.info(
    { imported: result.imported, existing: result.existing, duplicates: result.duplicates, invalid },
    'library imported',
  )
  return result
}
