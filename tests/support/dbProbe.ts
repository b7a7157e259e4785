/**
 * Reads a library's database directly, for what only tests ask (the engine's
 * bookkeeping of a finished row, a row by task uuid). A second, read-only
 * connection: WAL lets it read beside the library's own.
 */
import { DatabaseSync } from 'node:sqlite'
import type { SqliteLibraryApi } from '../../electron/core/db'

function query<T>(library: SqliteLibraryApi, sql: string, ...params: Array<string | number>): T | undefined {
  const db = new DatabaseSync(library.paths.database, { readOnly: true })
  try {
    return db.prepare(sql).get(...params) as T | undefined
  } finally {
    db.close()
  }
}

/** The engine's bookkeeping on a row: when to look next, and failed attempts in this phase. */
export function ledgerFacts(
  library: SqliteLibraryApi,
  id: string,
): { nextCheckAt: number | null; attempts: number } | null {
  const row = query<{ next_check_at: number | null; attempts: number }>(
    library,
    'SELECT next_check_at, attempts FROM generations WHERE id = ?',
    id,
  )
  return row ? { nextCheckAt: row.next_check_at, attempts: row.attempts } : null
}

/** The id of the row holding this provider task uuid, if any. */
export function idByTaskUuid(library: SqliteLibraryApi, taskUuid: string): string | null {
  return query<{ id: string }>(library, 'SELECT id FROM generations WHERE task_uuid = ?', taskUuid)?.id ?? null
}
