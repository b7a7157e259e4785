/**
 * The library: Atelier's durable ledger of generations on Node's built-in
 * SQLite (see docs/library.md). Every write is one transaction that is on disk
 * when the call returns (WAL + synchronous=FULL); a write the disk refuses
 * becomes a LibraryWriteError and leaves the database as it was.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import {
  LibraryFilter,
  ListGenerationsInput,
  type Collection,
  type GenerationPage,
  type Lineage,
  type SpendSummary,
} from '../../../shared/contract'
import type { Generation, ReferenceInfo } from '../../../shared/domain'
import type { z } from 'zod'
import { systemClock, type Clock, type Logger } from '../ports'
import type { ExtrasKind, StoreAccess } from './access'
import { openConnection, Transactor } from './connection'
import { encodeCursor } from './cursor'
import { LibraryError, LibraryWriteError, toReadError, toWriteError } from './errors'
import {
  addToCollection,
  collectionRecords,
  collectionSize,
  createCollection,
  deleteCollection,
  listCollections,
  mergeCollections,
  prepareCollectionStatements,
  removeFromCollection,
  renameCollection,
  type CollectionRecord,
  type CollectionStatements,
} from './collections'
import {
  buildCountSql,
  buildIdsSql,
  buildListSql,
  COLLECTION_DRIVEN_MAX_ITEMS,
  FTS_DRIVEN_MAX_MATCHES,
  WALK_MAX_ROWS,
  type SearchPlan,
} from './listQuery'
import { importParams, prepareImportStatements, valuesIn, type ImportStatements } from './importRows'
import { prepareTrashStatements, purgeTrash, restore, softDelete, type TrashStatements } from './trash'
import { LATEST_VERSION, migrate, schemaVersion } from './migrations'
import { applyPatch } from './patch'
import { createLibraryFolders, libraryPaths, resolveInside, type LibraryPaths } from './paths'
import { GenerationReader, rowToGeneration, rowToReference, type GenerationRow, type ReferenceRow } from './rows'
import {
  PROMPT_MATCHES_FUNCTION,
  promptMatches,
  toFtsBoundQuery,
  toSearchQuery,
  type SearchMode,
  type SearchQuery,
} from './search'
import { hasFts5, reconcileSearchIndex } from './searchIndex'
import { walkSearch, type WalkBounds } from './walkedSearch'
import { createPromptHistory, type PromptHistory } from './history'
import { createStyleStore, type StyleStore } from './styles'
import { computeSpendSummary, prepareSpendStatements, type SpendStatements } from './spend'
import {
  changedColumns,
  insertChunks,
  insertParams,
  insertSql,
  newRow,
  prepareStatements,
  type Statements,
} from './statements'
import { canonicalTimestamp, storableText } from './normalize'
import type {
  ExistingMatches,
  FilterQuery,
  GenerationPatch,
  ImageFileRow,
  ImportedGeneration,
  LedgerEntry,
  Library,
  ListQuery,
  NewGeneration,
} from './types'

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
  /**
   * Test-only: `false` opens the library as if SQLite had no FTS5 (search runs as a
   * plain scan). Absent, the library probes SQLite for FTS5 at open.
   */
  fts5?: boolean
  /**
   * Called after a committed write changed the styles, the collections or the prompt
   * history, so the durable copy beside the database can follow (core/extras).
   */
  onExtrasChanged?: (kind: ExtrasKind) => void
}

/** The concrete library: the `Library` interface plus diagnostics. */
export type SqliteLibraryApi = Library & {
  /** Absolute paths of the database and the folders. */
  readonly paths: LibraryPaths
  /** SQLite's integrity_check, the full-text index's own check and the foreign keys. */
  checkIntegrity(): { ok: boolean; problems: string[] }
  /** SQLite's quick_check: the problems found (empty when the file is sound). Throws on a file too damaged to read. */
  quickCheck(): string[]
  schemaVersion(): number
  /** `full`: FTS5 prefix search; `basic`: SQLite has no FTS5, search is a plain scan. */
  readonly search: SearchMode
}

/** Distinct SQL shapes are few (filter combinations, patch shapes); the cap only guards against surprises. */
const STATEMENT_CACHE_LIMIT = 256
/** At most `limit` + 1 matches: enough to choose how to run a search, cheap however broad it is (full mode only). */
const COUNT_MATCHES_SQL =
  'SELECT COUNT(*) AS n FROM (SELECT rowid FROM generations_fts WHERE generations_fts MATCH ? LIMIT ?)'
const TOTALS_CACHE_LIMIT = 32

class SqliteLibrary implements SqliteLibraryApi {
  readonly dataDir: string
  private readonly statements: Statements
  private readonly spend: SpendStatements
  private readonly trash: TrashStatements
  private readonly imports: ImportStatements
  private readonly collections: CollectionStatements
  private readonly transactor: Transactor
  private readonly statementCache = new Map<string, StatementSync>()
  private readonly readerCache = new Map<string, GenerationReader>()
  /** Totals of recent filters; any write clears it (a count at 100k rows costs milliseconds, a lookup nothing). */
  private readonly totals = new Map<string, number>()
  private closed = false
  readonly history: PromptHistory
  readonly styles: StyleStore

  constructor(
    private readonly db: DatabaseSync,
    readonly paths: LibraryPaths,
    private readonly logger: Logger,
    private readonly clock: Clock,
    readonly search: SearchMode,
    private readonly onExtrasChanged: (kind: ExtrasKind) => void = () => {},
  ) {
    this.dataDir = paths.root
    this.statements = prepareStatements(db)
    this.spend = prepareSpendStatements(db)
    this.trash = prepareTrashStatements(db)
    this.imports = prepareImportStatements(db)
    this.collections = prepareCollectionStatements(db)
    this.transactor = new Transactor(db)
    const access: StoreAccess = {
      write: (work) => this.write(work),
      read: (work) => this.read(work),
      now: () => this.nowIso(),
      changed: (kind) => this.onExtrasChanged(kind),
    }
    this.history = createPromptHistory(db, access)
    this.styles = createStyleStore(db, access)
  }

  resolvePath(relativePath: string): string {
    return resolveInside(this.paths.root, relativePath)
  }

  insertGenerations(rows: NewGeneration[]): Generation[] {
    if (rows.length === 0) return []
    const now = this.nowIso()
    const prepared = rows.map((row) => ({
      ...row,
      prompt: storableText(row.prompt),
      createdAt: canonicalTimestamp(row.createdAt),
    }))
    for (const row of prepared) for (const reference of row.references) this.checkReferencePath(reference)
    this.write(() => {
      let next = 0
      for (const size of insertChunks(prepared.length)) {
        const chunk = prepared.slice(next, next + size)
        next += size
        this.statement(insertSql(size)).run(...chunk.flatMap((row) => insertParams(row, now)))
      }
      for (const row of prepared) {
        row.references.forEach((reference, position) => {
          this.upsertReference(reference, now)
          this.statements.linkReference.run(row.id, position, reference.id)
        })
      }
    })
    return prepared.map((row) => rowToGeneration(newRow(row, now), row.references))
  }

  updateGeneration(id: string, patch: GenerationPatch): Generation {
    return this.updateGenerations([{ id, patch }])[0] as Generation
  }

  updateGenerations(updates: ReadonlyArray<{ id: string; patch: GenerationPatch }>): Generation[] {
    if (updates.length === 0) return []
    const now = this.nowIso()
    return this.write(() =>
      updates.map(({ id, patch }) => {
        const row = this.statements.selectById.get(id)
        if (!row) throw new LibraryError('GENERATION_NOT_FOUND', 'That generation is not in the library.')
        const next = applyPatch(row, patch, now, this.logger)
        this.writeChanges(row, next)
        return rowToGeneration(next)
      }),
    )
  }

  getGeneration(id: string): Generation | null {
    return this.read(() => {
      const row = this.statements.selectById.get(id)
      return row ? rowToGeneration(row) : null
    })
  }

  listUnfinished(): LedgerEntry[] {
    return this.read(() => this.statements.selectUnfinished.all().map(toLedgerEntry))
  }

  listGenerations(query: ListQuery): z.output<typeof GenerationPage> {
    const input = ListGenerationsInput.parse(query)
    const search = toSearchQuery(input.search, this.search)
    return this.read(() => {
      const largeCollection =
        input.collectionId !== null &&
        collectionSize(this.collections, input.collectionId, COLLECTION_DRIVEN_MAX_ITEMS + 1) >
          COLLECTION_DRIVEN_MAX_ITEMS
      // The search's indexed prefix (what the plan is counted on), worked out once.
      const bound = search?.mode === 'full' ? toFtsBoundQuery(input.search) : null
      const plan = this.searchPlan(input, search, bound)
      const collect = (collecting: SearchPlan): GenerationRow[] => {
        const collectionPlan = largeCollection ? 'time-driven' : 'collection-driven'
        const { sql, params } = buildListSql(input, search, collecting, collectionPlan)
        return this.reader(sql).all(...params)
      }
      let rows: GenerationRow[]
      if (plan === 'walked') {
        const walk = walkSearch(this.walkStatements, input, this.walkBounds())
        rows = walk.rows ?? collect(this.collectingPlan(search, bound, walk.matchesAbout))
      } else {
        rows = collect(plan)
      }
      const hasMore = rows.length > input.limit
      const pageRows = hasMore ? rows.slice(0, input.limit) : rows
      const last = pageRows[pageRows.length - 1]
      const page: z.output<typeof GenerationPage> = {
        items: pageRows.map((row) => rowToGeneration(row)),
        nextCursor:
          hasMore && last
            ? encodeCursor({
                createdAt: last.created_at,
                id: last.id,
                ...(input.sort === 'price' ? { price: last.price_micros ?? -1 } : {}),
              })
            : null,
      }
      if (input.withTotal) page.total = this.count(buildCountSql(input, search))
      return page
    })
  }

  countGenerations(filter: FilterQuery): number {
    const input = LibraryFilter.parse(filter)
    return this.read(() => this.count(buildCountSql(input, toSearchQuery(input.search, this.search))))
  }

  listIds(filter: FilterQuery, cap: number): { ids: string[]; truncated: boolean } {
    const input = LibraryFilter.parse(filter)
    const limit = Math.max(0, Math.floor(cap))
    return this.read(() => {
      const { sql, params } = buildIdsSql(input, toSearchQuery(input.search, this.search), limit + 1)
      const ids = (this.statement(sql).all(...params) as Array<{ id: string }>).map((row) => row.id)
      return ids.length > limit ? { ids: ids.slice(0, limit), truncated: true } : { ids, truncated: false }
    })
  }

  getGenerations(ids: readonly string[]): Generation[] {
    if (ids.length === 0) return []
    return this.read(() => this.statements.selectByIds.all(JSON.stringify(ids)).map((row) => rowToGeneration(row)))
  }

  listBatch(batchId: string): Generation[] {
    return this.read(() => this.statements.selectByBatch.all(batchId).map((row) => rowToGeneration(row)))
  }

  discardQueued(ids: readonly string[]): string[] {
    if (ids.length === 0) return []
    return this.write(() =>
      (this.statements.discardQueued.all(JSON.stringify(ids)) as Array<{ id: string }>).map((row) => row.id),
    )
  }

  lineage(generationId: string): Lineage {
    return this.read(() => ({
      parents: this.statements.selectParents.all(generationId).map((row) => rowToGeneration(row)),
      children: this.statements.selectRemixes.all(generationId).map((row) => rowToGeneration(row)),
    }))
  }

  setFavorites(ids: readonly string[], favorite: boolean): string[] {
    if (ids.length === 0) return []
    const now = this.nowIso()
    return this.write(() =>
      (
        this.statements.setFavorites.all(favorite ? 1 : 0, now, JSON.stringify(ids), favorite ? 1 : 0) as Array<{
          id: string
        }>
      ).map((row) => row.id),
    )
  }

  softDelete(ids: readonly string[]): { deleted: string[]; kept: string[] } {
    if (ids.length === 0) return { deleted: [], kept: [] }
    const now = this.nowIso()
    return this.write(() => softDelete(this.trash, ids, now))
  }

  restore(ids: readonly string[]): string[] {
    if (ids.length === 0) return []
    const now = this.nowIso()
    return this.write(() => restore(this.trash, ids, now))
  }

  purgeTrash(): { removed: string[]; files: string[] } {
    const now = this.nowIso()
    const purged = this.write(() => purgeTrash(this.trash, now))
    // A purged row leaves its boards (the cascade).
    if (purged.removed.length > 0) this.onExtrasChanged('collections')
    return purged
  }

  listImageFiles(afterSeq: number, limit: number): ImageFileRow[] {
    return this.read(() =>
      (
        this.statements.selectImageFiles.all(afterSeq, Math.max(1, Math.floor(limit))) as Array<{
          seq: number
          id: string
          image_path: string
          thumb_path: string | null
          image_missing: number
        }>
      ).map((row) => ({
        seq: row.seq,
        id: row.id,
        imagePath: row.image_path,
        thumbPath: row.thumb_path,
        missing: row.image_missing !== 0,
      })),
    )
  }

  setImageMissing(updates: ReadonlyArray<{ id: string; missing: boolean }>): Generation[] {
    if (updates.length === 0) return []
    const now = this.nowIso()
    const changed = this.write(() =>
      updates.flatMap(({ id, missing }) => {
        const flag = missing ? 1 : 0
        return this.statements.setImageMissing.get(flag, now, id, flag) ? [id] : []
      }),
    )
    return this.getGenerations(changed)
  }

  findExisting(query: { ids: string[]; taskUuids: string[]; sha256: string[] }): ExistingMatches {
    return this.read(() => ({
      ids: valuesIn(this.imports.existingIds, query.ids),
      taskUuids: valuesIn(this.imports.existingTaskUuids, query.taskUuids),
      sha256: valuesIn(this.imports.existingSha256, query.sha256),
    }))
  }

  importGenerations(records: ImportedGeneration[]): { inserted: string[]; existing: number; duplicates: number } {
    if (records.length === 0) return { inserted: [], existing: 0, duplicates: 0 }
    const now = this.nowIso()
    for (const record of records) {
      for (const reference of record.references) this.checkReferencePath(reference)
      if (record.image) {
        this.resolvePath(record.image.path)
        this.resolvePath(record.image.thumbPath)
      }
    }
    return this.write(() => {
      const known = {
        ids: valuesIn(
          this.imports.existingIds,
          records.map((r) => r.id),
        ),
        taskUuids: valuesIn(
          this.imports.existingTaskUuids,
          records.flatMap((r) => (r.taskUuid ? [r.taskUuid] : [])),
        ),
        sha256: valuesIn(
          this.imports.existingSha256,
          records.flatMap((r) => (r.image ? [r.image.sha256] : [])),
        ),
      }
      let existing = 0
      let duplicates = 0
      const accepted: ImportedGeneration[] = []
      for (const record of records) {
        if (known.ids.has(record.id) || (record.taskUuid !== null && known.taskUuids.has(record.taskUuid))) {
          existing += 1
          continue
        }
        if (record.image && known.sha256.has(record.image.sha256)) {
          duplicates += 1
          continue
        }
        known.ids.add(record.id)
        if (record.taskUuid !== null) known.taskUuids.add(record.taskUuid)
        if (record.image) known.sha256.add(record.image.sha256)
        accepted.push(record)
      }
      for (const record of accepted) this.imports.insert.run(...importParams(record, now, this.logger))
      // References after every row: a parent later in the batch still anchors its child's lineage.
      for (const record of accepted) {
        record.references.forEach((reference, position) => {
          this.upsertReference(reference, now)
          this.statements.linkReference.run(record.id, position, reference.id)
        })
      }
      return { inserted: accepted.map((record) => record.id), existing, duplicates }
    })
  }

  listCollections(): Collection[] {
    return this.read(() => listCollections(this.collections))
  }

  createCollection(collection: { id: string; name: string }): Collection {
    const createdAt = this.nowIso()
    return this.collectionsWrite(() => createCollection(this.collections, { ...collection, createdAt }))
  }

  renameCollection(id: string, name: string): Collection {
    return this.collectionsWrite(() => renameCollection(this.collections, id, name))
  }

  deleteCollection(id: string): void {
    this.collectionsWrite(() => deleteCollection(this.collections, id))
  }

  addToCollection(id: string, generationIds: readonly string[]): string[] {
    const now = this.nowIso()
    return this.collectionsWrite(() => addToCollection(this.collections, id, generationIds, now))
  }

  removeFromCollection(id: string, generationIds: readonly string[]): string[] {
    return this.collectionsWrite(() => removeFromCollection(this.collections, id, generationIds))
  }

  collectionRecords(options?: { withTrash?: boolean }): CollectionRecord[] {
    return this.read(() => collectionRecords(this.collections, options?.withTrash ?? false))
  }

  mergeCollections(records: readonly CollectionRecord[], newId: () => string): { created: number; added: number } {
    const now = this.nowIso()
    return this.collectionsWrite(() => mergeCollections(this.collections, records, now, newId))
  }

  /** A write to the boards; the durable copy hears of it once it is committed. */
  private collectionsWrite<T>(work: () => T): T {
    const result = this.write(work)
    this.onExtrasChanged('collections')
    return result
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
          reference_count: number
          duration_ms: number
        }>,
    )
    return rows.map((row) => ({ aspectRatio: row.aspect_ratio, references: row.reference_count, ms: row.duration_ms }))
  }

  checkIntegrity(): { ok: boolean; problems: string[] } {
    return this.read(() => {
      const problems = (this.db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>)
        .map((row) => row.integrity_check)
        .filter((message) => message !== 'ok')
      try {
        if (this.search === 'full')
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

  getMeta(key: string): string | null {
    return this.read(() => {
      const row = this.statement('SELECT value FROM library_meta WHERE key = ?').get(key) as
        { value: string } | undefined
      return row?.value ?? null
    })
  }

  setMeta(key: string, value: string): void {
    this.write(() => {
      this.statement(
        'INSERT INTO library_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ).run(key, value)
    })
  }

  quickCheck(): string[] {
    // Not through read(): a damaged page is the answer here, not an error to wrap.
    return (this.db.prepare('PRAGMA quick_check').all() as Array<{ quick_check: string }>)
      .map((row) => row.quick_check)
      .filter((message) => message !== 'ok')
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    // No `PRAGMA optimize`/ANALYZE, on purpose: statistics gathered while the library is small
    // went stale as it grew and steered FTS5's own merge queries into full scans (80 ms stalls on
    // every 15th insert at 100k rows). The queries here are shaped to need no statistics.
    this.db.close()
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString()
  }

  /**
   * How a search runs (listQuery.ts), chosen by capped counts of its matches (each costs at most
   * its cap): few, and the full-text index drives; many, and the sort's index is walked — or,
   * past an offset (every skipped row would be walked too), the match set is collected.
   */
  private searchPlan(
    input: z.output<typeof ListGenerationsInput>,
    search: SearchQuery | null,
    bound: string | null,
  ): SearchPlan | 'walked' {
    // Basic mode (no FTS5) tests each row with the prompt rule; only a full-text search has plans.
    if (search?.mode !== 'full') return 'fts-driven'
    // Counted on the indexed prefix first: its matches include the search's, and it is cheap however broad.
    if (!this.matchesMoreThan(bound ?? search.match, FTS_DRIVEN_MAX_MATCHES)) return 'fts-driven'
    if (input.cursor === null && input.offset > 0) return this.collectingPlan(search, bound, 0)
    return 'walked'
  }

  /**
   * Without a walk: the full-text index drives few matches, the sort's index checks many against
   * their set. Known to be many when the indexed prefix was the search itself, or when a walk
   * found them dense enough (`matchesAbout`); else counted (capped) on the search itself.
   */
  private collectingPlan(search: SearchQuery | null, bound: string | null, matchesAbout: number): SearchPlan {
    if (search?.mode !== 'full') return 'fts-driven'
    const many =
      bound === search.match ||
      matchesAbout > 2 * FTS_DRIVEN_MAX_MATCHES ||
      this.matchesMoreThan(search.match, FTS_DRIVEN_MAX_MATCHES)
    return many ? 'time-driven' : 'fts-driven'
  }

  private walkBounds(): WalkBounds {
    // seq only grows, so its largest value is a cheap size (rows deleted for good are few).
    const size = (this.statement('SELECT MAX(seq) AS n FROM generations').get() as { n: number | null }).n ?? 0
    return { maxRows: WALK_MAX_ROWS, libraryRows: size }
  }

  private matchesMoreThan(ftsQuery: string, n: number): boolean {
    return (this.statement(COUNT_MATCHES_SQL).get(ftsQuery, n + 1) as { n: number }).n > n
  }

  private count({ sql, params }: { sql: string; params: Array<string | number> }): number {
    const key = `${sql}\u0000${JSON.stringify(params)}`
    const known = this.totals.get(key)
    if (known !== undefined) return known
    const n = (this.statement(sql).get(...params) as { n: number }).n
    if (this.totals.size >= TOTALS_CACHE_LIMIT) this.totals.clear()
    this.totals.set(key, n)
    return n
  }

  private write<T>(work: () => T): T {
    this.totals.clear()
    try {
      return this.transactor.run(work)
    } catch (error) {
      const wrapped = toWriteError(error)
      if (wrapped instanceof LibraryWriteError)
        this.logger.error({ err: error, reason: wrapped.reason }, 'library write failed')
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

  private writeChanges(before: GenerationRow, after: GenerationRow): void {
    const columns = changedColumns(before, after)
    const sql = `UPDATE generations SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE seq = ?`
    this.statement(sql).run(...columns.map((column) => after[column]), after.seq)
  }

  /** The cached statements, as the walked search asks for them. */
  private readonly walkStatements = {
    statement: (sql: string) => this.statement(sql),
    reader: (sql: string) => this.reader(sql),
  }

  private statement(sql: string): StatementSync {
    let statement = this.statementCache.get(sql)
    if (!statement) {
      if (this.statementCache.size >= STATEMENT_CACHE_LIMIT) this.statementCache.clear()
      statement = this.db.prepare(sql)
      this.statementCache.set(sql, statement)
    }
    return statement
  }

  private reader(sql: string): GenerationReader {
    let reader = this.readerCache.get(sql)
    if (!reader) {
      if (this.readerCache.size >= STATEMENT_CACHE_LIMIT) this.readerCache.clear()
      reader = new GenerationReader(this.db.prepare(sql))
      this.readerCache.set(sql, reader)
    }
    return reader
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
}

function toLedgerEntry(row: GenerationRow): LedgerEntry {
  return { generation: rowToGeneration(row), nextCheckAt: row.next_check_at, attempts: row.attempts }
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
    }
    const search: SearchMode = options.fts5 !== false && hasFts5(db) ? 'full' : 'basic'
    if (search === 'basic') {
      db.function(PROMPT_MATCHES_FUNCTION, { deterministic: true }, (prompt, words) =>
        promptMatches(String(prompt), String(words)) ? 1 : 0,
      )
    }
    if (!readOnly) {
      migrate(db, logger, LATEST_VERSION, { fts5: search === 'full' })
      new Transactor(db).run(() => reconcileSearchIndex(db, search, logger))
    }
    options.configureConnection?.(db)
    const library = new SqliteLibrary(db, paths, logger, options.clock ?? systemClock, search, options.onExtrasChanged)
    logger.info({ dataDir: paths.root, readOnly, schema: LATEST_VERSION, search }, 'library opened')
    return library
  } catch (error) {
    db.close()
    throw toWriteError(error)
  }
}
