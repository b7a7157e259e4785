/**
 * The collections of an export: one `collections.json` beside the sidecars, in
 * a documented, versioned shape — each board's name, when it was made and the
 * ids of its exported members. Import merges boards by name (case-insensitive)
 * and adds the members that are in the library after the images came in.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { CollectionName } from '../../../shared/contract'
import type { CollectionRecord } from '../db'
import { describeUnsafeFile, MAX_SIDECAR_BYTES, readRegularFile, UnsafeFileError } from '../security/fileChecks'
import { SafeId } from './sidecar'

export const COLLECTIONS_FILE = 'collections.json'
export const COLLECTIONS_FORMAT = 'atelier.collections'
export const COLLECTIONS_VERSION = 1

export const CollectionsFile = z.object({
  format: z.literal(COLLECTIONS_FORMAT),
  version: z.literal(COLLECTIONS_VERSION),
  collections: z
    .array(
      z.object({
        name: CollectionName,
        createdAt: z.iso.datetime({ offset: true }),
        generationIds: z.array(SafeId).max(1_000_000),
      }),
    )
    .max(10_000),
})
export type CollectionsFile = z.infer<typeof CollectionsFile>

/**
 * Writes the boards, keeping only the members that were exported. A partial
 * export (a selection) leaves out boards none of whose members went with it.
 */
export async function writeCollectionsFile(
  folder: string,
  records: readonly CollectionRecord[],
  exported: ReadonlySet<string>,
  wholeLibrary: boolean,
): Promise<number> {
  const collections = records
    .map((record) => ({ ...record, generationIds: record.generationIds.filter((id) => exported.has(id)) }))
    .filter((record) => wholeLibrary || record.generationIds.length > 0)
  if (collections.length === 0) return 0
  const file: CollectionsFile = { format: COLLECTIONS_FORMAT, version: COLLECTIONS_VERSION, collections }
  // 'wx': an export never overwrites; the caller reports a file already there (EEXIST).
  await writeFile(join(folder, COLLECTIONS_FILE), `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx' })
  return collections.length
}

/** The folder's boards; none when there is no file; a sentence when the file is damaged. */
export async function readCollectionsFile(
  folder: string,
): Promise<{ ok: true; records: CollectionRecord[] } | { ok: false; problem: string }> {
  let text: string
  try {
    text = (await readRegularFile(join(folder, COLLECTIONS_FILE), MAX_SIDECAR_BYTES)).toString('utf8')
  } catch (error) {
    if (error instanceof UnsafeFileError) {
      if (error.reason === 'missing') return { ok: true, records: [] }
      return { ok: false, problem: describeUnsafeFile(COLLECTIONS_FILE, error) }
    }
    return { ok: false, problem: `${COLLECTIONS_FILE}: not readable` }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { ok: false, problem: `${COLLECTIONS_FILE}: not readable JSON` }
  }
  const parsed = CollectionsFile.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      ok: false,
      problem:
        `${COLLECTIONS_FILE}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'not a valid collections file'}`.trim(),
    }
  }
  return { ok: true, records: parsed.data.collections }
}
