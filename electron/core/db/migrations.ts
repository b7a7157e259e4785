/**
 * Schema migrations, versioned in code. `PRAGMA user_version` holds the version
 * a database is at; each migration is a function run in its own transaction
 * together with the version bump, so a crash or a full disk leaves the
 * database at the previous version, never half-way. Append new migrations;
 * never edit one that has shipped.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { Logger } from '../ports'
import { durationMs } from '../domain/generationFacts'
import { parseMicrosRoundedHalfUp } from '../money/decimal'
import { Transactor } from './connection'
import { LibraryError } from './errors'
import { canonicalTimestamp } from './normalize'
import { createSearchIndex } from './searchIndex'

export interface Migration {
  version: number
  name: string
  up(db: DatabaseSync, logger: Logger, context: MigrationContext): void
}

/** What a migration may need to know about this SQLite. */
export interface MigrationContext {
  /** SQLite has FTS5 (searchIndex.ts). */
  fts5: boolean
}

/**
 * v1 — the foundation's simple store: the ledger of generations, the prepared
 * references and which generation used which, in order. `seq` is an explicit
 * INTEGER PRIMARY KEY so rowids are stable (VACUUM may renumber implicit rowids,
 * and v2's full-text index is keyed on it).
 */
const v1: Migration = {
  version: 1,
  name: 'ledger',
  up(db) {
    db.exec(`
      CREATE TABLE generations (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        task_uuid TEXT UNIQUE,
        status TEXT NOT NULL,
        prompt TEXT NOT NULL,
        aspect_ratio TEXT NOT NULL,
        callback_url TEXT,
        price TEXT,
        created_at TEXT NOT NULL,
        submitted_at TEXT,
        finished_at TEXT,
        updated_at TEXT NOT NULL,
        error_code TEXT,
        error_message TEXT,
        error_detail TEXT,
        image_path TEXT,
        thumb_path TEXT,
        image_width INTEGER,
        image_height INTEGER,
        image_bytes INTEGER,
        image_sha256 TEXT,
        image_mime TEXT,
        remote_url TEXT,
        stalled INTEGER NOT NULL DEFAULT 0,
        retry_reason TEXT,
        retry_at TEXT,
        retry_attempt INTEGER,
        favorite INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 1,
        next_check_at INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE refs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        path TEXT,
        url TEXT,
        mime TEXT,
        width INTEGER,
        height INTEGER,
        original_bytes INTEGER,
        prepared_bytes INTEGER,
        name TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE generation_references (
        generation_id TEXT NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        reference_id TEXT NOT NULL REFERENCES refs(id),
        PRIMARY KEY (generation_id, position)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX generations_created ON generations(created_at);
      CREATE INDEX generations_status_v1 ON generations(status);
    `)
  },
}

/**
 * v2 — search, money and lineage:
 * - exact money: `price_micros` (integer micro-dollars) beside the provider's string;
 * - `duration_ms` (submit → completed) for time estimates; `deleted_at` for a trash;
 * - `reference_count`, so listing only looks up references for rows that have some;
 * - timestamps rewritten to one canonical ISO shape (v1 stored them as given);
 * - lineage: a reference made from an earlier result points at that generation;
 * - FTS5 over prompts (external content, kept in sync by triggers), with prefix
 *   indexes for 1–3 characters so search-as-you-type stays fast from the first letter;
 * - indexes for the grid (time, status, favourites), spend sums and estimates.
 */
const v2: Migration = {
  version: 2,
  name: 'search-money-lineage',
  up(db, logger, context) {
    db.exec(`
      ALTER TABLE generations ADD COLUMN price_micros INTEGER;
      ALTER TABLE generations ADD COLUMN duration_ms INTEGER;
      ALTER TABLE generations ADD COLUMN deleted_at TEXT;
      ALTER TABLE generations ADD COLUMN reference_count INTEGER NOT NULL DEFAULT 0;
      UPDATE generations SET reference_count =
        (SELECT COUNT(*) FROM generation_references gr WHERE gr.generation_id = generations.id);
      ALTER TABLE refs ADD COLUMN source_generation_id TEXT REFERENCES generations(id) ON DELETE SET NULL;
    `)
    backfillGenerations(db, logger)
    db.exec(`
      DROP INDEX generations_created;
      DROP INDEX generations_status_v1;

      CREATE INDEX generations_by_time ON generations(created_at DESC, id DESC) WHERE deleted_at IS NULL;
      CREATE INDEX generations_by_status ON generations(status, created_at DESC, id DESC);
      CREATE INDEX generations_favorites ON generations(created_at DESC, id DESC)
        WHERE favorite = 1 AND deleted_at IS NULL;
      CREATE INDEX generations_charged ON generations(COALESCE(submitted_at, created_at), price_micros)
        WHERE price_micros IS NOT NULL;
      CREATE INDEX generations_durations ON generations(finished_at DESC)
        WHERE status = 'completed' AND duration_ms IS NOT NULL;
      CREATE INDEX generation_references_by_reference ON generation_references(reference_id);
      CREATE INDEX refs_by_source ON refs(source_generation_id) WHERE source_generation_id IS NOT NULL;

    `)
    // Without FTS5 the index waits: reconcileSearchIndex makes it once a build has the module.
    if (context.fts5) createSearchIndex(db)
  },
}

interface V1Row {
  seq: number
  status: string
  price: string | null
  created_at: string
  submitted_at: string | null
  finished_at: string | null
  updated_at: string
  retry_at: string | null
}

function canonicalOrKeep(value: string | null, logger: Logger, seq: number): string | null {
  if (value === null) return null
  try {
    return canonicalTimestamp(value)
  } catch {
    logger.warn({ seq, value }, 'library migration: unreadable timestamp kept as it was')
    return value
  }
}

function backfillGenerations(db: DatabaseSync, logger: Logger): void {
  const rows = db
    .prepare('SELECT seq, status, price, created_at, submitted_at, finished_at, updated_at, retry_at FROM generations')
    .all() as unknown as V1Row[]
  const update = db.prepare(`
    UPDATE generations SET price_micros = ?, duration_ms = ?, created_at = ?, submitted_at = ?,
      finished_at = ?, updated_at = ?, retry_at = ? WHERE seq = ?`)
  for (const row of rows) {
    let priceMicros: bigint | null = null
    if (row.price !== null) {
      try {
        const parsed = parseMicrosRoundedHalfUp(row.price)
        if (parsed.rounded)
          logger.warn({ seq: row.seq, price: row.price }, 'library migration: price rounded to micros')
        priceMicros = parsed.micros
      } catch {
        logger.warn({ seq: row.seq, price: row.price }, 'library migration: unreadable price left out of sums')
      }
    }
    const createdAt = canonicalOrKeep(row.created_at, logger, row.seq) ?? row.created_at
    const submittedAt = canonicalOrKeep(row.submitted_at, logger, row.seq)
    const finishedAt = canonicalOrKeep(row.finished_at, logger, row.seq)
    const updatedAt = canonicalOrKeep(row.updated_at, logger, row.seq) ?? row.updated_at
    const retryAt = canonicalOrKeep(row.retry_at, logger, row.seq)
    update.run(
      priceMicros,
      durationMs(row.status, submittedAt, finishedAt),
      createdAt,
      submittedAt,
      finishedAt,
      updatedAt,
      retryAt,
      row.seq,
    )
  }
}

/**
 * v3 — the library as a place to browse, tidy and move:
 * - `image_missing`: the image file was not on disk when last looked at (shown as missing);
 * - `imported_at`: the row came in from an exported folder;
 * - `purged_charges`: what an emptied trash had cost, so spend sums never shrink when rows go;
 * - indexes for the price sort, the trash, import's duplicate check (sha256) and the
 *   "is this file still used" check when the trash is emptied.
 */
const v3: Migration = {
  version: 3,
  name: 'trash-import-files',
  up(db) {
    db.exec(`
      ALTER TABLE generations ADD COLUMN image_missing INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE generations ADD COLUMN imported_at TEXT;

      CREATE TABLE purged_charges (
        generation_id TEXT PRIMARY KEY,
        task_uuid TEXT,
        status TEXT NOT NULL,
        charged_at TEXT NOT NULL,
        price TEXT NOT NULL,
        price_micros INTEGER NOT NULL,
        purged_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX purged_charges_by_time ON purged_charges(charged_at);

      CREATE INDEX generations_by_price ON generations(COALESCE(price_micros, -1) DESC, created_at DESC, id DESC)
        WHERE deleted_at IS NULL;
      CREATE INDEX generations_trash ON generations(created_at DESC, id DESC) WHERE deleted_at IS NOT NULL;
      CREATE INDEX generations_by_sha256 ON generations(image_sha256) WHERE image_sha256 IS NOT NULL;
      CREATE INDEX generations_by_image ON generations(image_path) WHERE image_path IS NOT NULL;
      CREATE INDEX generations_by_thumb ON generations(thumb_path) WHERE thumb_path IS NOT NULL;
      CREATE INDEX refs_by_path ON refs(path) WHERE path IS NOT NULL;
    `)
  },
}

/**
 * v4 — collections (boards) and batches:
 * - `collections`: named boards, names unique whatever their case;
 * - `collection_items`: which generations a board holds (an image may be in several);
 *   deleting a board deletes its items (cascade), never the images; purging a row from
 *   the trash takes it out of its boards;
 * - `collection_items_by_collection`: the board filter walks a board's items newest first;
 * - `generations.batch_id`: the rows one batch created share it (the queue groups them).
 */
const v4: Migration = {
  version: 4,
  name: 'collections-batches',
  up(db) {
    db.exec(`
      CREATE TABLE collections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX collections_by_name ON collections(name COLLATE NOCASE);

      CREATE TABLE collection_items (
        collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        generation_id TEXT NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
        added_at TEXT NOT NULL,
        PRIMARY KEY (collection_id, generation_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX collection_items_by_generation ON collection_items(generation_id);

      ALTER TABLE generations ADD COLUMN batch_id TEXT;
      CREATE INDEX generations_by_batch ON generations(batch_id) WHERE batch_id IS NOT NULL;
    `)
  },
}

/**
 * v5 — rebuilt from the files:
 * - `recovered_lacking` (JSON) lists what a row rebuilt from its image's recipe could not
 *   get back (library.rebuild; null for every ordinary row);
 * - `library_meta`: small facts about the library itself (e.g. that every image older than
 *   recipes has been given one, so the file check stops reading them).
 */
const v5: Migration = {
  version: 5,
  name: 'recovered-lacking',
  up(db) {
    db.exec(`
      ALTER TABLE generations ADD COLUMN recovered_lacking TEXT;
      CREATE TABLE library_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    `)
  },
}

/**
 * v6 — what the studio remembers besides images:
 * - `prompt_history`: every prompt sent, one row per exact text (newest use, its ratio,
 *   how often). Its own table rather than a query over `generations`, so emptying the
 *   trash keeps the history and clearing the history keeps every image. Seeded from
 *   the generations already in the library (SQLite takes the bare `aspect_ratio` from
 *   the row that holds MAX(created_at)).
 * - `styles`: named snippets appended to a prompt or wrapping it; names unique ignoring case;
 *   listed in the order they were added (`seq`, explicit so VACUUM keeps it).
 */
const v6: Migration = {
  version: 6,
  name: 'history-styles',
  up(db) {
    db.exec(`
      CREATE TABLE prompt_history (
        id INTEGER PRIMARY KEY,
        prompt TEXT NOT NULL UNIQUE,
        aspect_ratio TEXT NOT NULL,
        last_used_at TEXT NOT NULL,
        uses INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX prompt_history_by_use ON prompt_history(last_used_at DESC, id DESC);
      INSERT INTO prompt_history(prompt, aspect_ratio, last_used_at, uses)
        SELECT prompt, aspect_ratio, MAX(created_at), COUNT(*) FROM generations GROUP BY prompt;

      CREATE TABLE styles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `)
  },
}

export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4, v5, v6]
export const LATEST_VERSION = MIGRATIONS.length

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version?: number } | undefined
  return row?.user_version ?? 0
}

/**
 * Brings the database to `target` (default: the latest), one transaction per
 * migration. Refuses a database from a newer Atelier instead of guessing at it.
 */
export function migrate(
  db: DatabaseSync,
  logger: Logger,
  target: number = LATEST_VERSION,
  context: MigrationContext = { fts5: true },
): number {
  const current = schemaVersion(db)
  if (current > LATEST_VERSION) {
    throw new LibraryError(
      'LIBRARY_TOO_NEW',
      `This library was written by a newer version of Atelier (schema ${current}; this version knows ${LATEST_VERSION}). Update Atelier to open it.`,
    )
  }
  const transactor = new Transactor(db)
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue
    transactor.run(() => {
      migration.up(db, logger, context)
      db.exec(`PRAGMA user_version = ${migration.version}`)
    })
    logger.info({ version: migration.version, name: migration.name }, 'library migrated')
  }
  // A migration may rewrite every row; fold the log into the database now rather than in the
  // middle of the first thing the user does.
  if (current < target) db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  return schemaVersion(db)
}
