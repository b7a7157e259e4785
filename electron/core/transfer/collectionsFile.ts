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
import { MAX_SIDECAR_BYTES, readJsonFile } from '../security/fileChecks'
import { SafeId } from './sidecar'

export const COLLECTIONS_FILE = 'collections.json'
export const COLLECTIONS_FORMAT = 'atelier.collections'
export const COLLECTIONS_VERSION = 1

/** One board: the rules an export's file and the library's own copy (core/extras) share. */
export const CollectionEntry = z.object({
  name: CollectionName,
  createdAt: z.iso.datetime({ offset: true }),
  generationIds: z.array(SafeId).max(1_000_000),
})
export const COLLECTIONS_MAX = 10_000

export const CollectionsFile = z.object({
  format: z.literal(COLLECTIONS_FORMAT),
  version: z.literal(COLLECTIONS_VERSION),
  collections: z.array(CollectionEntry).max(COLLECTIONS_MAX),
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
  const read = await readJsonFile(join(folder, COLLECTIONS_FILE), COLLECTIONS_FILE, MAX_SIDECAR_BYTES, CollectionsFile)
  return read.ok ? { ok: true, records: read.value?.collections ?? [] } : read
}
