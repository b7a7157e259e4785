/**
 * The trash. Deleting sets `deleted_at` (nothing leaves the disk, undo clears
 * it); emptying the trash deletes the rows, then the files nothing else uses.
 * What an emptied row had cost stays in `purged_charges`, so the spend sums
 * (and the spending limits built on them) never shrink because images went.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { FINAL_STATUSES } from '../../../shared/domain'
import { gridThumbPath } from '../../../shared/thumbnails'

const FINAL = FINAL_STATUSES.map((status) => `'${status}'`).join(', ')
/** Ids travel as one JSON array parameter: one statement whatever the selection's size. */
const IDS = 'SELECT value FROM json_each(?)'

export interface TrashStatements {
  unfinished: StatementSync
  softDelete: StatementSync
  restore: StatementSync
  purgeCandidates: StatementSync
  recordCharge: StatementSync
  usedReferences: StatementSync
  deletePurged: StatementSync
  imageInUse: StatementSync
  thumbInUse: StatementSync
  deleteUnusedReference: StatementSync
  referencePathInUse: StatementSync
}

export function prepareTrashStatements(db: DatabaseSync): TrashStatements {
  return {
    unfinished: db.prepare(`SELECT id FROM generations WHERE id IN (${IDS}) AND status NOT IN (${FINAL})`),
    softDelete: db.prepare(`
      UPDATE generations SET deleted_at = ?, updated_at = ?, version = version + 1
      WHERE id IN (${IDS}) AND deleted_at IS NULL AND status IN (${FINAL}) RETURNING id`),
    restore: db.prepare(`
      UPDATE generations SET deleted_at = NULL, updated_at = ?, version = version + 1
      WHERE id IN (${IDS}) AND deleted_at IS NOT NULL RETURNING id`),
    purgeCandidates: db.prepare(`
      SELECT id, task_uuid, status, COALESCE(submitted_at, created_at) AS charged_at, price, price_micros,
             image_path, thumb_path
      FROM generations WHERE deleted_at IS NOT NULL AND status IN (${FINAL})`),
    recordCharge: db.prepare(`
      INSERT OR REPLACE INTO purged_charges (generation_id, task_uuid, status, charged_at, price, price_micros, purged_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    usedReferences: db.prepare(
      `SELECT DISTINCT reference_id AS id FROM generation_references WHERE generation_id IN (${IDS})`,
    ),
    deletePurged: db.prepare(`DELETE FROM generations WHERE id IN (${IDS}) AND deleted_at IS NOT NULL`),
    imageInUse: db.prepare('SELECT 1 FROM generations WHERE image_path = ? LIMIT 1'),
    thumbInUse: db.prepare('SELECT 1 FROM generations WHERE thumb_path = ? LIMIT 1'),
    deleteUnusedReference: db.prepare(`
      DELETE FROM refs WHERE id = ?
        AND NOT EXISTS (SELECT 1 FROM generation_references WHERE reference_id = refs.id) RETURNING path`),
    referencePathInUse: db.prepare('SELECT 1 FROM refs WHERE path = ? LIMIT 1'),
  }
}

const idsOf = (rows: unknown[]): string[] => (rows as Array<{ id: string }>).map((row) => row.id)

export function softDelete(
  statements: TrashStatements,
  ids: readonly string[],
  now: string,
): { deleted: string[]; kept: string[] } {
  const json = JSON.stringify(ids)
  const kept = idsOf(statements.unfinished.all(json))
  const deleted = idsOf(statements.softDelete.all(now, now, json))
  return { deleted, kept }
}

export function restore(statements: TrashStatements, ids: readonly string[], now: string): string[] {
  return idsOf(statements.restore.all(now, JSON.stringify(ids)))
}

interface Candidate {
  id: string
  task_uuid: string | null
  status: string
  charged_at: string
  price: string | null
  price_micros: number | null
  image_path: string | null
  thumb_path: string | null
}

export interface PurgeResult {
  /** Generation ids deleted for good. */
  removed: string[]
  /** Library-relative files nothing in the database points at any more. */
  files: string[]
}

/** Deletes the trash's rows (in the caller's transaction) and lists the files left without a row. */
export function purgeTrash(statements: TrashStatements, now: string): PurgeResult {
  const candidates = statements.purgeCandidates.all() as unknown as Candidate[]
  if (candidates.length === 0) return { removed: [], files: [] }
  for (const row of candidates) {
    if (row.price === null || row.price_micros === null) continue
    statements.recordCharge.run(row.id, row.task_uuid, row.status, row.charged_at, row.price, row.price_micros, now)
  }
  const ids = JSON.stringify(candidates.map((row) => row.id))
  const references = idsOf(statements.usedReferences.all(ids))
  statements.deletePurged.run(ids)

  const files = new Set<string>()
  for (const row of candidates) {
    if (row.image_path !== null && !statements.imageInUse.get(row.image_path)) files.add(row.image_path)
    if (row.thumb_path !== null && !statements.thumbInUse.get(row.thumb_path)) {
      files.add(row.thumb_path)
      // The grid's own size of it, if it was ever shown (shared/thumbnails.ts); absent is fine.
      const grid = gridThumbPath(row.thumb_path)
      if (grid) files.add(grid)
    }
  }
  for (const id of references) {
    const gone = statements.deleteUnusedReference.get(id) as { path: string | null } | undefined
    if (gone?.path && !statements.referencePathInUse.get(gone.path)) files.add(gone.path)
  }
  return { removed: candidates.map((row) => row.id), files: [...files] }
}
