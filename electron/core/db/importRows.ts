/**
 * Whole rows coming back from an exported folder: inserted as they were
 * (status, price, times, image, favourite), never as new work for the engine —
 * only final statuses are accepted, so nothing imported is ever sent or polled.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { isFinalStatus } from '../../../shared/domain'
import type { Logger } from '../ports'
import { durationMs, storedPrice } from '../domain/generationFacts'
import { canonicalOrNull, canonicalTimestamp, storableText } from './normalize'
import type { ImportedGeneration } from './types'
import { IMPORT_COLUMNS, type ImportColumn } from './table'

export interface ImportStatements {
  insert: StatementSync
  existingIds: StatementSync
  existingTaskUuids: StatementSync
  existingSha256: StatementSync
}

export function prepareImportStatements(db: DatabaseSync): ImportStatements {
  const ids = 'SELECT value FROM json_each(?)'
  return {
    insert: db.prepare(
      `INSERT INTO generations (${IMPORT_COLUMNS.join(', ')}) VALUES (${IMPORT_COLUMNS.map(() => '?').join(', ')})`,
    ),
    existingIds: db.prepare(`SELECT id AS value FROM generations WHERE id IN (${ids})`),
    existingTaskUuids: db.prepare(`SELECT task_uuid AS value FROM generations WHERE task_uuid IN (${ids})`),
    existingSha256: db.prepare(`SELECT DISTINCT image_sha256 AS value FROM generations WHERE image_sha256 IN (${ids})`),
  }
}

export function valuesIn(statement: StatementSync, values: readonly string[]): Set<string> {
  if (values.length === 0) return new Set()
  return new Set((statement.all(JSON.stringify(values)) as Array<{ value: string }>).map((row) => row.value))
}

/** The row as inserted; throws RangeError for what no library row may hold (an unfinished status, a bad date). */
export function importParams(record: ImportedGeneration, now: string, logger: Logger): Array<string | number | null> {
  const g = record
  if (!isFinalStatus(g.status)) throw new RangeError(`an unfinished generation (${g.status}) cannot be imported`)
  const { price, micros } = storedPrice(g.price, logger, g.id)
  const submittedAt = canonicalOrNull(g.submittedAt)
  const finishedAt = canonicalOrNull(g.finishedAt)
  const values: Record<ImportColumn, string | number | null> = {
    id: g.id,
    task_uuid: g.taskUuid,
    status: g.status,
    prompt: storableText(g.prompt),
    aspect_ratio: g.aspectRatio,
    callback_url: g.callbackUrl,
    price,
    price_micros: micros,
    created_at: canonicalTimestamp(g.createdAt),
    submitted_at: submittedAt,
    finished_at: finishedAt,
    updated_at: now,
    error_code: g.error?.code ?? null,
    error_message: g.error ? storableText(g.error.message) : null,
    error_detail: g.error?.detail == null ? null : storableText(g.error.detail),
    image_path: g.image?.path ?? null,
    thumb_path: g.image?.thumbPath ?? null,
    image_width: g.image?.width ?? null,
    image_height: g.image?.height ?? null,
    image_bytes: g.image?.bytes ?? null,
    image_sha256: g.image?.sha256 ?? null,
    image_mime: g.image?.mime ?? null,
    remote_url: g.remoteUrl,
    favorite: g.favorite ? 1 : 0,
    duration_ms: durationMs(g.status, submittedAt, finishedAt),
    reference_count: g.references.length,
    imported_at: now,
    recovered_lacking: g.recoveredLacking ? JSON.stringify(g.recoveredLacking) : null,
  }
  return IMPORT_COLUMNS.map((column) => values[column])
}
