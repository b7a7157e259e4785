/**
 * The `generations` table, defined once: every column in the order reads select
 * it, with who writes it. Every column list (select, insert, update, import, the
 * export round trip) is derived from here; the migrations keep their own literal
 * SQL as frozen history, and a test checks this list against the migrated schema.
 *
 * `initial` is what a new row holds before anything is written to it (the schema's
 * defaults), for the columns an insert does not set.
 *
 * Roles:
 * - `insert`: written when the engine records a new generation (the rest takes the schema's defaults);
 * - `update`: what updateGeneration may change (id, prompt, ratio, creation, references are fixed at insert);
 * - `import`: what an import writes: the generation's facts, none of the engine's bookkeeping;
 * - `export`: what an export carries and an import restores, column for column
 *   (trashed rows are never exported, so `deleted_at` is null on both sides).
 */
type Role = 'insert' | 'update' | 'import' | 'export'

const FACT = ['update', 'import', 'export'] as const
const FIXED = ['insert', 'import', 'export'] as const

export const GENERATIONS_TABLE = {
  seq: { roles: [], initial: 0 },
  id: { roles: FIXED },
  task_uuid: { roles: FACT, initial: null },
  status: { roles: ['insert', 'update', 'import', 'export'] },
  prompt: { roles: FIXED },
  aspect_ratio: { roles: FIXED },
  callback_url: { roles: FIXED },
  price: { roles: FACT, initial: null },
  price_micros: { roles: FACT, initial: null },
  created_at: { roles: FIXED },
  submitted_at: { roles: FACT, initial: null },
  finished_at: { roles: FACT, initial: null },
  updated_at: { roles: ['insert', 'update', 'import'] },
  error_code: { roles: FACT, initial: null },
  error_message: { roles: FACT, initial: null },
  error_detail: { roles: FACT, initial: null },
  image_path: { roles: FACT, initial: null },
  thumb_path: { roles: FACT, initial: null },
  image_width: { roles: FACT, initial: null },
  image_height: { roles: FACT, initial: null },
  image_bytes: { roles: FACT, initial: null },
  image_sha256: { roles: FACT, initial: null },
  image_mime: { roles: FACT, initial: null },
  remote_url: { roles: ['update', 'import'], initial: null },
  stalled: { roles: ['update'], initial: 0 },
  retry_reason: { roles: ['update'], initial: null },
  retry_at: { roles: ['update'], initial: null },
  retry_attempt: { roles: ['update'], initial: null },
  favorite: { roles: FACT, initial: 0 },
  version: { roles: ['update'], initial: 1 },
  next_check_at: { roles: ['update'], initial: null },
  attempts: { roles: ['update'], initial: 0 },
  duration_ms: { roles: FACT, initial: null },
  deleted_at: { roles: ['export'], initial: null },
  reference_count: { roles: FIXED },
  image_missing: { roles: ['update'], initial: 0 },
  imported_at: { roles: ['import'], initial: null },
  /** The batch that created the row (the queue groups by it); not carried by export. */
  batch_id: { roles: ['insert'] },
  recovered_lacking: { roles: ['import'], initial: null },
} as const satisfies Record<string, { roles: readonly Role[]; initial?: string | number | null }>

type Table = typeof GENERATIONS_TABLE
export type GenerationColumn = keyof Table
/** The columns that play `R`, as a type. */
export type ColumnsFor<R extends Role> = {
  [C in GenerationColumn]: R extends Table[C]['roles'][number] ? C : never
}[GenerationColumn]

/** Every column of `generations`, in the order reads select them. */
export const GENERATION_COLUMNS = Object.keys(GENERATIONS_TABLE) as GenerationColumn[]

/** The columns that play `role`, in table order. */
export function columnsFor<R extends Role>(role: R): ReadonlyArray<ColumnsFor<R>> {
  return GENERATION_COLUMNS.filter((column) =>
    (GENERATIONS_TABLE[column].roles as readonly Role[]).includes(role),
  ) as Array<ColumnsFor<R>>
}

export const INSERT_COLUMNS = columnsFor('insert')
export const UPDATABLE_COLUMNS = columnsFor('update')
export const IMPORT_COLUMNS = columnsFor('import')
export const EXPORTED_COLUMNS = columnsFor('export')
export type InsertColumn = ColumnsFor<'insert'>
export type UpdatableColumn = ColumnsFor<'update'>
export type ImportColumn = ColumnsFor<'import'>

/** The values a freshly inserted row holds in the columns the insert does not set. */
export const INITIAL_VALUES = Object.fromEntries(
  GENERATION_COLUMNS.flatMap((column) => {
    const spec = GENERATIONS_TABLE[column] as { initial?: string | number | null }
    return 'initial' in spec ? [[column, spec.initial]] : []
  }),
) as Record<Exclude<GenerationColumn, InsertColumn>, string | number | null>
