/**
 * The library: Atelier's durable ledger of generations on Node's built-in
 * SQLite (see docs/library.md). Every write is one transaction that is on disk
 * when the call returns (WAL + synchronous=FULL); a write the disk refuses
 * becomes a LibraryWriteError and leaves the database as it was.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { ListGenerationsInput, type GenerationPage, type SpendSummary } from '../../../shared/contract'
import type { Generation, GenerationStatus, ReferenceInfo } from '../../../shared/domain'
import type { z } from 'zod'
import { systemClock, type Clock, type Logger } from '../ports'
import { openConnection, Transactor } from './connection'
import { decodeCursor, encodeCursor } from './cursor'
import { LibraryError, LibraryWriteError, toReadError, toWriteError } from './errors'
import { LATEST_VERSION, migrate, schemaVersion } from './migrations'
import { applyPatch } from './patch'
import { createLibraryFolders, libraryPaths, resolveInside, type LibraryPaths } from './paths'
import { rowToGeneration, rowToReference, type GenerationRow, type ReferenceRow } from './rows'
import { toFtsQuery } from './search'
import { computeSpendSummary, prepareSpendStatements, type SpendStatements } from './spend'
import { canonicalTimestamp } from './time'
import type { GenerationPatch, LedgerEntry, Library, ListQuery, NewGeneration } from './types'

export interface LibraryOptions {
  dataDir: string
  logger: Logger
  /** Defaults to the system clock; injected by tests. */
  clock?: Clock
  /** Browse without writing (diagnostics, a library on read-only media). Writes throw LibraryWriteError. */
  readOnly?: boolean
  /**
   * Runs on the configured, migrated connection before the library is used.
   * For diagnostics and fault injection in tests (e.g. `PRAGMA max_page_count`
   * to make SQLite report a full disk); product code has no reason to use it.
   */
  configureConnection?: (db: DatabaseSync) => void
}

/** Statuses the engine must resume after a restart. */
export const UNFINISHED_STATUSES: readonly GenerationStatus[] = ['queued', 'submitting', 'pending', 'processing', 'downloading']

const REFERENCES_FOR = `
  SELECT gr.generation_id AS generation_id, r.id, r.kind, r.path, r.url, r.mime, r.width, r.height,
         r.original_bytes, r.prepared_bytes, r.source_generation_id, r.name
  FROM generation_references gr JOIN refs r ON r.id = gr.reference_id
  WHERE gr.generation_id IN (SELECT value FROM json_each(?))
  ORDER BY gr.generation_id, gr.position`

/** What updateGeneration may change; the rest of a row (id, prompt, ratio, creation) is fixed at insert. */
const UPDATABLE_COLUMNS = [
  'task_uuid', 'status', 'price', 'price_micros', 'submitted_at', 'finished_at', 'updated_at',
  'error_code', 'error_message', 'error_detail', 'image_path', 'thumb_path', 'image_width',
  'image_height', 'image_bytes', 'image_sha256', 'image_mime', 'remote_url', 'stalled',
  'retry_reason', 'retry_at', 'retry_attempt', 'favorite', 'version', 'next_check_at', 'attempts',
  'duration_ms',
] as const satisfies ReadonlyArray<keyof GenerationRow>

function updateParams(row: GenerationRow): Record<string, string | number | null> {
  const params: Record<string, string | number | null> = { seq: row.seq }
  for (const column of UPDATABLE_COLUMNS) params[column] = row[column]
  return params
}

function prepareStatements(db: DatabaseSync) {
  const unfinished = UNFINISHED_STATUSES.map((s) => `'${s}'`).join(', ')
  return {
    insertGeneration: db.prepare(`
      INSERT INTO generations (id, status, prompt, aspect_ratio, callback_url, created_at, updated_at)
      VALUES (?, 'queued', ?, ?, ?, ?, ?)`),
    linkReference: db.prepare('INSERT INTO generation_references (generation_id, position, reference_id) VALUES (?, ?, ?)'),
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
    selectReference: db.prepare(`
      SELECT id, kind, path, url, mime, width, height, original_bytes, prepared_bytes, source_generation_id, name
      FROM refs WHERE id = ?`),
    selectById: db.prepare('SELECT * FROM generations WHERE id = ?'),
    selectByTaskUuid: db.prepare('SELECT * FROM generations WHERE task_uuid = ?'),
    selectUnfinished: db.prepare(`SELECT * FROM generations WHERE status IN (${unfinished}) ORDER BY created_at, id`),
    selectRemixes: db.prepare(`
      SELECT DISTINCT g.* FROM refs r
      JOIN generation_references gr ON gr.reference_id = r.id
      JOIN generations g ON g.id = gr.generation_id
      WHERE r.source_generation_id = ? AND g.deleted_at IS NULL
      ORDER BY g.created_at DESC, g.id DESC`),
    referencesFor: db.prepare(REFERENCES_FOR),
    updateRow: db.prepare(
      `UPDATE generations SET ${UPDATABLE_COLUMNS.map((column) => `${column} = :${column}`).join(', ')} WHERE seq = :seq`,
    ),
    recentDurations: db.prepare(`
      SELECT g.aspect_ratio, g.duration_ms,
             (SELECT COUNT(*) FROM generation_references gr WHERE gr.generation_id = g.id) AS reference_count
      FROM generations g
      WHERE g.status = 'completed' AND g.duration_ms IS NOT NULL
      ORDER BY g.finished_at DESC LIMIT ?`),
  }
}

type Statements = ReturnType<typeof prepareStatements>

class SqliteLibrary implements Library {
  readonly dataDir: string
  private readonly statements: Statements
  private readonly spend: SpendStatements
  private readonly transactor: Transactor
  private readonly listStatements = new Map<string, StatementSync>()
  private closed = false

  constructor(
    private readonly db: DatabaseSync,
    readonly paths: LibraryPaths,
    private readonly logger: Logger,
    private readonly clock: Clock,
  ) {
    this.dataDir = paths.root
    this.statements = prepareStatements(db)
    this.spend = prepareSpendStatements(db)
    this.transactor = new Transactor(db)
  }

  resolvePath(relativePath: string): string {
    return resolveInside(this.paths.root, relativePath)
  }

  insertGenerations(rows: NewGeneration[]): Generation[] {
    const now = this.nowIso()
    const prepared = rows.map((row) => ({ ...row, createdAt: canonicalTimestamp(row.createdAt) }))
    for (const row of prepared) for (const reference of row.references) this.checkReferencePath(reference)
    this.write(() => {
      for (const row of prepared) {
        this.statements.insertGeneration.run(row.id, row.prompt, row.aspectRatio, row.callbackUrl, row.createdAt, now)
        row.references.forEach((reference, position) => {
          this.upsertReference(reference, now)
          this.statements.linkReference.run(row.id, position, reference.id)
        })
      }
    })
    return this.read(() => this.generationsByIds(prepared.map((row) => row.id)))
  }

  updateGeneration(id: string, patch: GenerationPatch): Generation {
    return this.updateGenerations([{ id, patch }])[0] as Generation
  }

  updateGenerations(updates: ReadonlyArray<{ id: string; patch: GenerationPatch }>): Generation[] {
    if (updates.length === 0) return []
    const now = this.nowIso()
    return this.write(() => {
      const written = updates.map(({ id, patch }) => {
        const row = this.statements.selectById.get(id) as GenerationRow | undefined
        if (!row) throw new LibraryError('GENERATION_NOT_FOUND', 'That generation is not in the library.')
        const next = applyPatch(row, patch, now, this.logger)
        this.statements.updateRow.run(updateParams(next))
        return next
      })
      return this.toGenerations(written)
    })
  }

  getGeneration(id: string): Generation | null {
    return this.getLedgerEntry(id)?.generation ?? null
  }

  getGenerationByTaskUuid(taskUuid: string): Generation | null {
    return this.read(() => {
      const row = this.statements.selectByTaskUuid.get(taskUuid) as GenerationRow | undefined
      return row ? this.toGenerations([row])[0] ?? null : null
    })
  }

  getLedgerEntry(id: string): LedgerEntry | null {
    return this.read(() => {
      const row = this.statements.selectById.get(id) as GenerationRow | undefined
      return row ? this.toLedgerEntries([row])[0] ?? null : null
    })
  }

  listUnfinished(): LedgerEntry[] {
    return this.read(() => this.toLedgerEntries(this.statements.selectUnfinished.all() as unknown as GenerationRow[]))
  }

  listGenerations(query: ListQuery): z.output<typeof GenerationPage> {
    const input = ListGenerationsInput.parse(query)
    const where = ['g.deleted_at IS NULL']
    const params: Array<string | number> = []
    const ftsQuery = toFtsQuery(input.search)
    if (ftsQuery !== null) {
      where.push('generations_fts MATCH ?')
      params.push(ftsQuery)
    }
    const statuses = [...new Set(input.statuses)]
    if (statuses.length > 0) {
      where.push(`g.status IN (${statuses.map(() => '?').join(', ')})`)
      params.push(...statuses)
    }
    if (input.favoritesOnly) where.push('g.favorite = 1')
    if (input.cursor !== null) {
      const position = decodeCursor(input.cursor)
      where.push('(g.created_at, g.id) < (?, ?)')
      params.push(position.createdAt, position.id)
    }
    // With a search, the full-text index drives (it yields only the matches, which
    // are then ordered); without one, the time index walks newest first.
    const from =
      ftsQuery !== null ? 'generations_fts CROSS JOIN generations g ON g.seq = generations_fts.rowid' : 'generations g'
    const sql = `SELECT g.* FROM ${from} WHERE ${where.join(' AND ')} ORDER BY g.created_at DESC, g.id DESC LIMIT ?`
    params.push(input.limit + 1)

    return this.read(() => {
      const rows = this.listStatement(sql).all(...params) as unknown as GenerationRow[]
      const hasMore = rows.length > input.limit
      const pageRows = hasMore ? rows.slice(0, input.limit) : rows
      const last = pageRows[pageRows.length - 1]
      return {
        items: this.toGenerations(pageRows),
        nextCursor: hasMore && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
      }
    })
  }

  /** Generations that used one of this generation's results as a reference (its remixes), newest first. */
  listRemixes(generationId: string): Generation[] {
    return this.read(() => this.toGenerations(this.statements.selectRemixes.all(generationId) as unknown as GenerationRow[]))
  }

  saveReference(reference: ReferenceInfo): void {
    this.checkReferencePath(reference)
    const now = this.nowIso()
    this.write(() => this.upsertReference(reference, now))
  }

  getReference(id: string): ReferenceInfo | null {
    return this.read(() => {
      const row = this.statements.selectReference.get(id) as ReferenceRow | undefined
      return row ? rowToReference(row) : null
    })
  }

  spendSummary(now: Date): SpendSummary {
    return this.read(() => computeSpendSummary(this.spend, now))
  }

  recentDurations(limit: number): Array<{ aspectRatio: Generation['aspectRatio']; references: number; ms: number }> {
    const rows = this.read(
      () =>
        this.statements.recentDurations.all(Math.max(0, Math.floor(limit))) as Array<{
          aspect_ratio: Generation['aspectRatio']
          duration_ms: number
          reference_count: number
        }>,
    )
    return rows.map((row) => ({ aspectRatio: row.aspect_ratio, references: row.reference_count, ms: row.duration_ms }))
  }

  /** SQLite's integrity_check plus the full-text index's own check; for diagnostics and tests. */
  checkIntegrity(): { ok: boolean; problems: string[] } {
    return this.read(() => {
      const problems = (this.db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>)
        .map((row) => row.integrity_check)
        .filter((message) => message !== 'ok')
      try {
        this.db.exec("INSERT INTO generations_fts(generations_fts, rank) VALUES ('integrity-check', 1)")
      } catch (error) {
        problems.push(`full-text index: ${(error as Error).message}`)
      }
      const foreignKeys = this.db.prepare('PRAGMA foreign_key_check').all()
      if (foreignKeys.length > 0) problems.push(`${foreignKeys.length} broken foreign keys`)
      return { ok: problems.length === 0, problems }
    })
  }

  schemaVersion(): number {
    return schemaVersion(this.db)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    try {
      this.db.exec('PRAGMA optimize')
    } catch (error) {
      this.logger.debug({ err: error }, 'library: optimize on close skipped')
    }
    this.db.close()
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString()
  }

  private write<T>(work: () => T): T {
    try {
      return this.transactor.run(work)
    } catch (error) {
      const wrapped = toWriteError(error)
      if (wrapped instanceof LibraryWriteError) this.logger.error({ err: error, reason: wrapped.reason }, 'library write failed')
      throw wrapped
    }
  }

  private read<T>(work: () => T): T {
    try {
      return work()
    } catch (error) {
      throw toReadError(error)
    }
  }

  private listStatement(sql: string): StatementSync {
    let statement = this.listStatements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.listStatements.set(sql, statement)
    }
    return statement
  }

  private checkReferencePath(reference: ReferenceInfo): void {
    if (reference.path !== null) this.resolvePath(reference.path)
  }

  private upsertReference(reference: ReferenceInfo, now: string): void {
    this.statements.upsertReference.run(
      reference.id,
      reference.kind,
      reference.path,
      reference.url,
      reference.mime,
      reference.width,
      reference.height,
      reference.originalBytes,
      reference.preparedBytes,
      reference.sourceGenerationId,
      reference.name,
      now,
    )
  }

  /** References of several generations in one query, each list in its stored order. */
  private referencesOf(ids: string[]): Map<string, ReferenceInfo[]> {
    const byGeneration = new Map<string, ReferenceInfo[]>()
    if (ids.length === 0) return byGeneration
    const rows = this.statements.referencesFor.all(JSON.stringify(ids)) as unknown as Array<
      ReferenceRow & { generation_id: string }
    >
    for (const row of rows) {
      let list = byGeneration.get(row.generation_id)
      if (!list) byGeneration.set(row.generation_id, (list = []))
      list.push(rowToReference(row))
    }
    return byGeneration
  }

  private toGenerations(rows: GenerationRow[]): Generation[] {
    const references = this.referencesOf(rows.map((row) => row.id))
    return rows.map((row) => rowToGeneration(row, references.get(row.id) ?? []))
  }

  private toLedgerEntries(rows: GenerationRow[]): LedgerEntry[] {
    const generations = this.toGenerations(rows)
    return rows.map((row, index) => ({
      generation: generations[index] as Generation,
      nextCheckAt: row.next_check_at,
      attempts: row.attempts,
    }))
  }

  private generationsByIds(ids: string[]): Generation[] {
    const rows = ids
      .map((id) => this.statements.selectById.get(id) as GenerationRow | undefined)
      .filter((row): row is GenerationRow => row !== undefined)
    return this.toGenerations(rows)
  }
}

/** The concrete library: the `Library` interface plus diagnostics. */
export type SqliteLibraryApi = Library & {
  /** Absolute paths of the database and the folders. */
  readonly paths: LibraryPaths
  checkIntegrity(): { ok: boolean; problems: string[] }
  schemaVersion(): number
}

/**
 * Opens (creating if needed) the library in `dataDir`: folders, database,
 * pragmas, migrations. Throws LibraryWriteError when the folder cannot be
 * written, LibraryError('LIBRARY_TOO_NEW') for a database from a newer Atelier.
 */
export function openLibrary(options: LibraryOptions): SqliteLibraryApi {
  const logger = options.logger
  const paths = libraryPaths(options.dataDir)
  const readOnly = options.readOnly ?? false
  let db: DatabaseSync
  try {
    if (!readOnly) createLibraryFolders(paths)
    db = openConnection(paths.database, { readOnly })
  } catch (error) {
    throw toWriteError(error)
  }
  try {
    if (readOnly) {
      const version = schemaVersion(db)
      if (version !== LATEST_VERSION) {
        throw new LibraryWriteError(
          `Atelier's library (schema ${version}) needs an upgrade to schema ${LATEST_VERSION}, which a read-only library cannot do.`,
          'SQLITE_READONLY',
        )
      }
    } else {
      migrate(db, logger)
    }
    options.configureConnection?.(db)
    const library = new SqliteLibrary(db, paths, logger, options.clock ?? systemClock)
    logger.info({ dataDir: paths.root, readOnly, schema: LATEST_VERSION }, 'library opened')
    return library
  } catch (error) {
    db.close()
    throw toWriteError(error)
  }
}
