/**
 * Import: reads a folder written by export back into the library with nothing
 * lost and nothing twice. Every sidecar is checked with zod, every image
 * against its recorded sha256 and by decoding it; a generation already here
 * (same id or task uuid) or whose image is already here (same sha256) is
 * skipped. Files are copied in (and thumbnails made) before the rows are
 * written, so a row never points at a file that is not there yet. Oldest
 * first, so a parent is in the library before the remixes made from it.
 */
import { createHash } from 'node:crypto'
import { access, copyFile, readdir, readFile, rename, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import sharp from 'sharp'
import type { ImportResult } from '../../../shared/contract'
import { isFinalStatus, type ReferenceInfo } from '../../../shared/domain'
import { removeQuietly } from '../downloads/files'
import { RESULT_EXTENSIONS } from '../downloads/image'
import { UserFacingError } from '../ipc/errors'
import type { ImportedGeneration, Library } from '../db'
import type { Logger } from '../ports'
import { rebuildThumbnail } from '../files'
import { checkFolder } from './folders'
import { Sidecar } from './sidecar'

/** What an import reads and writes. */
export type ImportTarget = Pick<Library, 'dataDir' | 'resolvePath' | 'findExisting' | 'importGenerations'>

export interface ImportOptions {
  library: ImportTarget
  source: string
  logger: Logger
}

const MAX_PROBLEMS = 20
const BATCH = 200

async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

/** Copies through a temporary name in the library's tmp/ folder, so a file in place is whole. */
async function copyInto(from: string, to: string, tmpDir: string): Promise<void> {
  const part = join(tmpDir, `import.${basename(to)}.${process.pid}.part`)
  try {
    await copyFile(from, part)
    await rename(part, to)
  } finally {
    await removeQuietly(part)
  }
}

async function readSidecars(folder: string, note: (problem: string) => void): Promise<Sidecar[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort()
  const sidecars: Sidecar[] = []
  for (const name of names) {
    let raw: unknown
    try {
      raw = JSON.parse(await readFile(join(folder, name), 'utf8'))
    } catch {
      note(`${name}: not readable JSON`)
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

/** The image of a sidecar, checked and copied in; its library-relative paths, or a reason it cannot be used. */
async function bringImage(
  library: ImportTarget,
  folder: string,
  sidecar: Sidecar,
): Promise<
  { ok: true; image: NonNullable<ImportedGeneration['image']>; files: string[] } | { ok: false; problem: string }
> {
  const image = sidecar.generation.image
  if (!image) return { ok: false, problem: 'no image' }
  const source = join(folder, image.file)
  const ext = extname(image.file).slice(1).toLowerCase()
  if (!RESULT_EXTENSIONS.includes(ext)) return { ok: false, problem: `${image.file}: not an image type Atelier keeps` }
  let bytes: Buffer
  try {
    bytes = await readFile(source)
  } catch {
    return { ok: false, problem: `${image.file} is missing` }
  }
  if (createHash('sha256').update(bytes).digest('hex') !== image.sha256) {
    return { ok: false, problem: `${image.file} is not the image its sidecar describes (sha256 differs)` }
  }
  try {
    const metadata = await sharp(bytes, { failOn: 'error' }).metadata()
    if (!metadata.width || !metadata.height) throw new Error('no size')
  } catch {
    return { ok: false, problem: `${image.file} does not decode as an image` }
  }
  const id = sidecar.generation.id
  const path = `images/${id}.${ext}`
  const thumbPath = `thumbs/${id}.webp`
  const absolute = library.resolvePath(path)
  const tmpDir = join(library.dataDir, 'tmp')
  await copyInto(source, absolute, tmpDir)
  await rebuildThumbnail(absolute, library.resolvePath(thumbPath), tmpDir)
  return {
    ok: true,
    image: {
      path,
      thumbPath,
      width: image.width,
      height: image.height,
      bytes: bytes.byteLength,
      sha256: image.sha256,
      mime: image.mime,
    },
    files: [path, thumbPath],
  }
}

/** The references, their files copied into refs/ (content-addressed: one already there is kept). */
async function bringReferences(
  library: ImportTarget,
  folder: string,
  sidecar: Sidecar,
  note: (problem: string) => void,
): Promise<ReferenceInfo[]> {
  const references: ReferenceInfo[] = []
  for (const { file, ...reference } of sidecar.generation.references) {
    if (reference.kind !== 'file' || file === null) {
      references.push({ ...reference, path: reference.kind === 'file' ? reference.path : null })
      continue
    }
    const path = `refs/${basename(file)}`
    const target = library.resolvePath(path)
    if (!(await exists(target))) {
      try {
        await copyInto(join(folder, file), target, join(library.dataDir, 'tmp'))
      } catch {
        note(`${sidecar.generation.id}: reference ${file} is missing`)
      }
    }
    references.push({ ...reference, path })
  }
  return references
}

export async function importGenerations(options: ImportOptions): Promise<Omit<ImportResult, 'styles'>> {
  const { library, logger } = options
  const folder = checkFolder(options.source, library.dataDir, 'import')
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

  const sidecars = await readSidecars(folder, noteInvalid)
  sidecars.sort((a, b) =>
    a.generation.createdAt < b.generation.createdAt ? -1 : a.generation.createdAt > b.generation.createdAt ? 1 : 0,
  )
  const known = library.findExisting({
    ids: sidecars.map((s) => s.generation.id),
    taskUuids: sidecars.flatMap((s) => (s.generation.taskUuid ? [s.generation.taskUuid] : [])),
    sha256: sidecars.flatMap((s) => (s.generation.image ? [s.generation.image.sha256] : [])),
  })

  const result: Omit<ImportResult, 'styles'> = { imported: 0, existing: 0, duplicates: 0, invalid: 0, problems }
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
  result.invalid = invalid
  logger.info(
    { imported: result.imported, existing: result.existing, duplicates: result.duplicates, invalid },
    'library imported',
  )
  return result
}
