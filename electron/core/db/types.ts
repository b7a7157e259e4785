/**
 * The library's interface: the durable ledger of generations (SQLite) plus the
 * prepared references. The task engine and the command handlers depend on this,
 * not on SQL. Implemented by openLibrary() in ./Library.ts.
 */
import type { GenerationPage, SpendSummary } from '../../../shared/contract'
import type { Generation, ReferenceInfo } from '../../../shared/domain'
import type { z } from 'zod'
import type { Collection, LibraryFilter, ListGenerationsInput, Lineage } from '../../../shared/contract'
import type { CollectionRecord } from './collections'
import type { PromptHistory } from './history'
import type { StyleStore } from './styles'

/** A new ledger row, written before anything leaves the machine. */
export interface NewGeneration {
  id: string
  prompt: string
  aspectRatio: Generation['aspectRatio']
  /** Already saved with saveReference(); stored in order with the generation. */
  references: ReferenceInfo[]
  callbackUrl: string | null
  createdAt: string
  /** The batch this row belongs to (generation.createBatch); absent or null otherwise. */
  batchId?: string | null
}

/**
 * Fields the engine changes as a task moves. `version` and `updatedAt` are
 * maintained by the library on every update. Moving into a final status with no
 * `finishedAt` sets it to now; the first move into `completed` records the
 * submit → finish duration. A price the library cannot read is logged and stored
 * as null rather than refused (the same patch may carry a task uuid, which must
 * never be lost); more than 6 decimals is kept as sent and summed rounded half up.
 */
export type GenerationPatch = Partial<
  Pick<
    Generation,
    | 'taskUuid'
    | 'status'
    | 'price'
    | 'submittedAt'
    | 'finishedAt'
    | 'error'
    | 'image'
    | 'remoteUrl'
    | 'stalled'
    | 'retry'
    | 'favorite'
  >
> & {
  /** Engine bookkeeping, not shown in the UI: when to look at this task next (epoch ms). */
  nextCheckAt?: number | null
  /** Number of consecutive failed attempts in the current phase (for backoff). */
  attempts?: number
}

/** A ledger row with the engine's bookkeeping. */
export interface LedgerEntry {
  generation: Generation
  nextCheckAt: number | null
  attempts: number
}

export type ListQuery = z.input<typeof ListGenerationsInput>
export type FilterQuery = z.input<typeof LibraryFilter>

/** A whole generation coming back from an exported folder; its files are already in the library. */
export type ImportedGeneration = Pick<
  Generation,
  | 'id'
  | 'taskUuid'
  | 'status'
  | 'prompt'
  | 'aspectRatio'
  | 'references'
  | 'callbackUrl'
  | 'price'
  | 'createdAt'
  | 'submittedAt'
  | 'finishedAt'
  | 'error'
  | 'image'
  | 'remoteUrl'
  | 'favorite'
> &
  Pick<Partial<Generation>, 'recoveredLacking'>

/** One row's files, for the background check (missing images, missing thumbnails). */
export interface ImageFileRow {
  seq: number
  id: string
  imagePath: string
  thumbPath: string | null
  missing: boolean
}

/** What of an import is already in the library. */
export interface ExistingMatches {
  ids: Set<string>
  taskUuids: Set<string>
  sha256: Set<string>
}

export interface Library {
  readonly dataDir: string
  /** Every prompt sent, deduplicated (its own table: survives the trash, clears without touching images). */
  readonly history: PromptHistory
  /** Named prompt snippets. */
  readonly styles: StyleStore
  /** Absolute path of a library-relative path, refusing anything that escapes the folder. */
  resolvePath(relativePath: string): string

  /** Inserts rows as `queued` (one transaction, durable on return). Throws if an id exists: nothing is inserted then. */
  insertGenerations(rows: NewGeneration[]): Generation[]
  /** Applies a patch durably and returns the new row (version + 1). Throws if the id is unknown. */
  updateGeneration(id: string, patch: GenerationPatch): Generation
  /** Several patches in one transaction (one disk sync): all applied, or none. Throws if any id is unknown. */
  updateGenerations(updates: ReadonlyArray<{ id: string; patch: GenerationPatch }>): Generation[]
  getGeneration(id: string): Generation | null
  /** Every row not in a final state (queued, submitting, pending, processing, downloading), oldest first. */
  listUnfinished(): LedgerEntry[]
  /**
   * Newest first (createdAt, then id) by default, or oldest first, or most expensive first;
   * keyset-paged with an opaque cursor or started at an offset; FTS5 prefix search over
   * prompts (any user text is safe); filters for status, favourites, ratio, dates and
   * references; `total` when asked. Soft-deleted rows (deleted_at) are left out, or are all
   * that is shown with `trash`. Throws INVALID_CURSOR for a foreign cursor.
   */
  listGenerations(query: ListQuery): z.output<typeof GenerationPage>
  /** Every match of the filter (the same count as `total`); remembered until the next write. */
  countGenerations(filter: FilterQuery): number

  /** Parents (earlier results among its references) and children (its remixes); the trash is left out. */
  lineage(generationId: string): Lineage
  /** Every id the filter matches, in its order, at most `cap`. */
  listIds(filter: FilterQuery, cap: number): { ids: string[]; truncated: boolean }
  /** The rows that exist among these ids, in no particular order. */
  getGenerations(ids: readonly string[]): Generation[]

  /** The members of a batch (rows that share its batch_id), oldest first, trash included. */
  listBatch(batchId: string): Generation[]
  /** Deletes rows that were never sent (queued, no task uuid): returns the ids removed; others are left. */
  discardQueued(ids: readonly string[]): string[]

  /** Favourite flags in one transaction; returns the ids that changed. */
  setFavorites(ids: readonly string[], favorite: boolean): string[]
  /** Moves finished rows to the trash (deleted_at); unfinished ones are kept and listed. */
  softDelete(ids: readonly string[]): { deleted: string[]; kept: string[] }
  /** Clears deleted_at; returns the ids restored. */
  restore(ids: readonly string[]): string[]
  /**
   * Deletes the trash's rows for good (their charges stay in the spend sums) and
   * returns the library-relative files no remaining row or reference points at.
   * The caller removes those files (after this returned: a crash leaves only orphans).
   */
  purgeTrash(): { removed: string[]; files: string[] }

  /** Rows with an image, in storage order after `afterSeq`, for the background file check. */
  listImageFiles(afterSeq: number, limit: number): ImageFileRow[]
  /** Records whether an image is on disk; returns the rows that changed (for events). */
  setImageMissing(updates: ReadonlyArray<{ id: string; missing: boolean }>): Generation[]
  /** Which of these ids, task uuids and image hashes the library already holds. */
  findExisting(query: { ids: string[]; taskUuids: string[]; sha256: string[] }): ExistingMatches
  /**
   * Inserts whole generations from an export, with their references (lineage
   * kept where the parent is in the library or in the same batch). Rows whose
   * id, task uuid or image already exist are skipped and counted; one
   * transaction: all of the rest, or none.
   */
  importGenerations(records: ImportedGeneration[]): { inserted: string[]; existing: number; duplicates: number }

  /** Every collection by name (case-insensitive), with its count outside the trash. */
  listCollections(): Collection[]
  /** Throws COLLECTION_EXISTS when the name is taken whatever its case. */
  createCollection(collection: { id: string; name: string }): Collection
  /** Throws COLLECTION_NOT_FOUND or COLLECTION_EXISTS. */
  renameCollection(id: string, name: string): Collection
  /** Deletes the board and its items, never the images. Throws COLLECTION_NOT_FOUND. */
  deleteCollection(id: string): void
  /** Returns the ids added (unknown ids and ones already there are skipped). */
  addToCollection(id: string, generationIds: readonly string[]): string[]
  /** Returns the ids taken out. */
  removeFromCollection(id: string, generationIds: readonly string[]): string[]
  /**
   * Every collection with its members outside the trash, for an export; `withTrash`:
   * with its id and every member (the library's own copy, core/extras).
   */
  collectionRecords(options?: { withTrash?: boolean }): CollectionRecord[]
  /** An import's collections, merged by name; one transaction. */
  mergeCollections(records: readonly CollectionRecord[], newId: () => string): { created: number; added: number }

  /** Stores a prepared reference (idempotent by id). */
  saveReference(reference: ReferenceInfo): void
  getReference(id: string): ReferenceInfo | null

  /** Exact decimal sums (never floating point). `now` decides "today" and "this month" (local time). */
  spendSummary(now: Date): SpendSummary
  /** Submit → completed durations in ms of finished tasks, newest first, for estimates. */
  recentDurations(limit: number): Array<{ aspectRatio: Generation['aspectRatio']; references: number; ms: number }>

  /** A small fact about the library itself (library_meta); null when never set. */
  getMeta(key: string): string | null
  setMeta(key: string, value: string): void

  close(): void
}
