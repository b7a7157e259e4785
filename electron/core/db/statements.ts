/**
 * The library's fixed SQL, prepared once per connection, and the row-level
 * helpers the writes use.
 */
import type { DatabaseSync } from 'node:sqlite'
import { ACTIVE_STATUSES } from '../../../shared/domain'
import { GENERATION_SELECT, GenerationReader, REFERENCE_COLUMNS, type GenerationRow } from './rows'
import { INITIAL_VALUES, INSERT_COLUMNS, UPDATABLE_COLUMNS, type InsertColumn, type UpdatableColumn } from './table'
import type { NewGeneration } from './types'

/** Only the columns that changed (version and updated_at always do): indexes on untouched columns are not rewritten. */
export function changedColumns(before: GenerationRow, after: GenerationRow): UpdatableColumn[] {
  return UPDATABLE_COLUMNS.filter((column) => before[column] !== after[column])
}

/**
 * Batches of new rows go in as multi-row INSERTs: one statement per chunk means
 * SQLite journals each touched page once per chunk instead of once per row (the
 * FTS trigger makes every INSERT its own statement transaction). Chunk sizes are
 * powers of two, so only a handful of statement shapes ever exist.
 */
export const MAX_INSERT_CHUNK = 256

export function insertChunks(count: number): number[] {
  const chunks: number[] = []
  let left = count
  for (let size = MAX_INSERT_CHUNK; left > 0; size = Math.max(1, size >> 1)) {
    while (left >= size) {
      chunks.push(size)
      left -= size
    }
  }
  return chunks
}

export function insertSql(rows: number): string {
  const tuple = `(${INSERT_COLUMNS.map(() => '?').join(', ')})`
  return `INSERT INTO generations (${INSERT_COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`
}

function insertValues(row: NewGeneration, now: string): Record<InsertColumn, string | number | null> {
  return {
    id: row.id,
    status: 'queued',
    prompt: row.prompt,
    aspect_ratio: row.aspectRatio,
    callback_url: row.callbackUrl,
    created_at: row.createdAt,
    updated_at: now,
    reference_count: row.references.length,
    batch_id: row.batchId ?? null,
  }
}

export function insertParams(row: NewGeneration, now: string): Array<string | number | null> {
  const values = insertValues(row, now)
  return INSERT_COLUMNS.map((column) => values[column])
}

/** The row insertGenerations writes, column for column (the insert's values over the table's initial values). */
export function newRow(row: NewGeneration, now: string): GenerationRow {
  return { ...INITIAL_VALUES, ...insertValues(row, now), references_json: null } as GenerationRow
}

export function prepareStatements(db: DatabaseSync) {
  const unfinished = ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')
  const reader = (sql: string) => new GenerationReader(db.prepare(sql))
  return {
    linkReference: db.prepare(
      'INSERT INTO generation_references (generation_id, position, reference_id) VALUES (?, ?, ?)',
    ),
    upsertReference: db.prepare(`
      INSERT INTO refs (id, kind, path, url, mime, width, height, original_bytes, prepared_bytes,
                        source_generation_id, name, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM generations WHERE id = ?), ?, ?)
      ON CONFLICT(id) DO UPDATE SET
        path = COALESCE(refs.path, excluded.path),
        url = COALESCE(refs.url, excluded.url),
        mime = COALESCE(refs.mime, excluded.mime),
        width = COALESCE(refs.width, excluded.width),
        height = COALESCE(refs.height, excluded.height),
        original_bytes = COALESCE(refs.original_bytes, excluded.original_bytes),
        prepared_bytes = COALESCE(refs.prepared_bytes, excluded.prepared_bytes),
        source_generation_id = COALESCE(refs.source_generation_id, excluded.source_generation_id),
        name = COALESCE(refs.name, excluded.name)`),
    selectReference: db.prepare(`SELECT ${REFERENCE_COLUMNS.join(', ')} FROM refs WHERE id = ?`),
    selectById: reader(`SELECT ${GENERATION_SELECT} FROM generations g WHERE g.id = ?`),
    selectUnfinished: reader(
      `SELECT ${GENERATION_SELECT} FROM generations g WHERE g.status IN (${unfinished}) ORDER BY g.created_at, g.id`,
    ),
    selectRemixes: reader(`
      SELECT ${GENERATION_SELECT} FROM generations g
      WHERE g.deleted_at IS NULL AND g.id IN (
        SELECT gr.generation_id FROM refs r JOIN generation_references gr ON gr.reference_id = r.id
        WHERE r.source_generation_id = ?)
      ORDER BY g.created_at DESC, g.id DESC`),
    selectByBatch: reader(
      `SELECT ${GENERATION_SELECT} FROM generations g WHERE g.batch_id = ? ORDER BY g.created_at, g.seq`,
    ),
    /** Rows never sent (queued, no task uuid, no submit time): removing them loses nothing and costs nothing. */
    discardQueued: db.prepare(`
      DELETE FROM generations WHERE id IN (SELECT value FROM json_each(?))
        AND status = 'queued' AND task_uuid IS NULL AND submitted_at IS NULL RETURNING id`),
    selectByIds: reader(
      `SELECT ${GENERATION_SELECT} FROM generations g WHERE g.id IN (SELECT value FROM json_each(?))`,
    ),
    /** The earlier results this generation used as references (lineage upwards). */
    selectParents: reader(`
      SELECT ${GENERATION_SELECT} FROM generations g
      WHERE g.deleted_at IS NULL AND g.id IN (
        SELECT r.source_generation_id FROM generation_references gr JOIN refs r ON r.id = gr.reference_id
        WHERE gr.generation_id = ? AND r.source_generation_id IS NOT NULL)
      ORDER BY g.created_at DESC, g.id DESC`),
    setFavorites: db.prepare(`
      UPDATE generations SET favorite = ?, updated_at = ?, version = version + 1
      WHERE id IN (SELECT value FROM json_each(?)) AND favorite != ? RETURNING id`),
    selectImageFiles: db.prepare(`
      SELECT seq, id, image_path, thumb_path, image_missing FROM generations
      WHERE seq > ? AND image_path IS NOT NULL ORDER BY seq LIMIT ?`),
    setImageMissing: db.prepare(`
      UPDATE generations SET image_missing = ?, updated_at = ?, version = version + 1
      WHERE id = ? AND image_missing != ? RETURNING id`),
    // The partial index holds exactly these rows, newest first: 200 steps. Left to itself the planner
    // takes the status index and sorts every completed row (600 ms at a million, ahead of the grid's
    // first page in the core's queue); INDEXED BY keeps the plan (statements.test.ts).
    recentDurations: db.prepare(`
      SELECT aspect_ratio, reference_count, duration_ms FROM generations INDEXED BY generations_durations
      WHERE status = 'completed' AND duration_ms IS NOT NULL
      ORDER BY finished_at DESC LIMIT ?`),
  }
}

export type Statements = ReturnType<typeof prepareStatements>
