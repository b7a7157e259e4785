/**
 * The full-text index is optional: `node:sqlite` is not always built with FTS5
 * (some official Node builds answer "no such module: fts5", and Electron builds
 * Node its own way). At open the library probes for it; without it search runs
 * as a plain scan (search.ts, listQuery.ts) and `app.info` says `basic`.
 *
 * A database keeps working across the switch: opened without FTS5, the sync
 * triggers are dropped (a trigger naming a missing module would break every
 * write); opened with FTS5 again, the index and triggers are made again and the
 * index rebuilt from the prompts, so rows written meanwhile are found.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { Logger } from '../ports'
import type { SearchMode } from './search'

/** The longest prefixes the index keeps lists for (`prefix = '1 2 3'`): a longer one is merged at query time. */
export const INDEXED_PREFIX_CHARS = 3

/** The index of schema v2, unchanged (v2 creates it; reopening with FTS5 re-creates it the same way). */
const FTS_TABLE = `
  CREATE VIRTUAL TABLE generations_fts USING fts5(
    prompt,
    content = 'generations',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '${Array.from({ length: INDEXED_PREFIX_CHARS }, (_, i) => i + 1).join(' ')}'
  );`

const FTS_TRIGGERS = {
  generations_fts_insert: `CREATE TRIGGER generations_fts_insert AFTER INSERT ON generations BEGIN
    INSERT INTO generations_fts(rowid, prompt) VALUES (new.seq, new.prompt);
  END;`,
  generations_fts_delete: `CREATE TRIGGER generations_fts_delete AFTER DELETE ON generations BEGIN
    INSERT INTO generations_fts(generations_fts, rowid, prompt) VALUES ('delete', old.seq, old.prompt);
  END;`,
  generations_fts_update: `CREATE TRIGGER generations_fts_update AFTER UPDATE OF prompt ON generations BEGIN
    INSERT INTO generations_fts(generations_fts, rowid, prompt) VALUES ('delete', old.seq, old.prompt);
    INSERT INTO generations_fts(rowid, prompt) VALUES (new.seq, new.prompt);
  END;`,
} as const

/** True when this SQLite can make an FTS5 table (probed in the connection's temp schema, then dropped). */
export function hasFts5(db: DatabaseSync): boolean {
  try {
    db.exec('CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)')
    db.exec('DROP TABLE temp.fts5_probe')
    return true
  } catch {
    return false
  }
}

/** Creates the index and its triggers (migration v2 with FTS5). */
export function createSearchIndex(db: DatabaseSync): void {
  db.exec(FTS_TABLE)
  for (const sql of Object.values(FTS_TRIGGERS)) db.exec(sql)
  db.exec("INSERT INTO generations_fts(generations_fts) VALUES ('rebuild')")
}

function schemaNames(db: DatabaseSync, type: 'table' | 'trigger'): Set<string> {
  const rows = db.prepare('SELECT name FROM sqlite_master WHERE type = ?').all(type) as Array<{ name: string }>
  return new Set(rows.map((row) => row.name))
}

/**
 * Makes the schema fit the mode after migrating (run inside a transaction by the caller):
 * with FTS5, a missing index or trigger is made and the index rebuilt; without it, the
 * triggers go (the table itself stays: it is inert without them, and dropping it needs the module).
 */
export function reconcileSearchIndex(db: DatabaseSync, mode: SearchMode, logger: Logger): void {
  const triggers = schemaNames(db, 'trigger')
  if (mode === 'basic') {
    for (const name of Object.keys(FTS_TRIGGERS)) {
      if (!triggers.has(name)) continue
      db.exec(`DROP TRIGGER ${name}`)
      logger.warn({ trigger: name }, 'full-text search unavailable: index trigger removed (writes stay safe)')
    }
    return
  }
  const hasTable = schemaNames(db, 'table').has('generations_fts')
  const missing = Object.keys(FTS_TRIGGERS).filter((name) => !triggers.has(name)) as Array<keyof typeof FTS_TRIGGERS>
  if (hasTable && missing.length === 0) return
  if (!hasTable) db.exec(FTS_TABLE)
  for (const name of missing) db.exec(FTS_TRIGGERS[name])
  db.exec("INSERT INTO generations_fts(generations_fts) VALUES ('rebuild')")
  logger.info({ createdTable: !hasTable, triggers: missing }, 'full-text index made again and rebuilt')
}
