/**
 * Rows ↔ domain objects. The database is written only by this module at a known
 * schema version (a newer schema is refused on open), and its tables are STRICT,
 * so reading trusts column types; the enums are still checked, because a wrong
 * status would silently change what the engine does with a paid task.
 *
 * Reads name their columns explicitly and fetch them as arrays where node:sqlite
 * can (22.16+), then build one fixed-shape object per row: much cheaper than the
 * 35-property objects node:sqlite makes by default, which is most of the cost of
 * a grid page.
 */
import type { StatementSync } from 'node:sqlite'
import { z } from 'zod'
import {
  AspectRatio,
  GenerationStatus,
  RecoveredGap,
  type Generation,
  type ReferenceInfo,
} from '../../../shared/domain'
import { LibraryError } from './errors'
import { GENERATION_COLUMNS, type GenerationColumn } from './table'

export { GENERATION_COLUMNS, type GenerationColumn } from './table'

export interface GenerationRow {
  seq: number
  id: string
  task_uuid: string | null
  status: string
  prompt: string
  aspect_ratio: string
  callback_url: string | null
  price: string | null
  price_micros: number | null
  created_at: string
  submitted_at: string | null
  finished_at: string | null
  updated_at: string
  error_code: string | null
  error_message: string | null
  error_detail: string | null
  image_path: string | null
  thumb_path: string | null
  image_width: number | null
  image_height: number | null
  image_bytes: number | null
  image_sha256: string | null
  image_mime: string | null
  remote_url: string | null
  stalled: number
  retry_reason: string | null
  retry_at: string | null
  retry_attempt: number | null
  favorite: number
  version: number
  next_check_at: number | null
  attempts: number
  duration_ms: number | null
  deleted_at: string | null
  reference_count: number
  image_missing: number
  imported_at: string | null
  batch_id: string | null
  /** JSON array of RecoveredGap, for a row rebuilt from its file's recipe. */
  recovered_lacking: string | null
  /** Read-only, computed by the query: the references as JSON, in order (null when there are none). */
  references_json: string | null
}

export interface ReferenceRow {
  id: string
  kind: string
  path: string | null
  url: string | null
  mime: string | null
  width: number | null
  height: number | null
  original_bytes: number | null
  prepared_bytes: number | null
  source_generation_id: string | null
  name: string | null
}

export const REFERENCE_COLUMNS = [
  'id',
  'kind',
  'path',
  'url',
  'mime',
  'width',
  'height',
  'original_bytes',
  'prepared_bytes',
  'source_generation_id',
  'name',
] as const satisfies ReadonlyArray<keyof ReferenceRow>

/**
 * A generation's references as one JSON array of [position, ...REFERENCE_COLUMNS]
 * arrays, only for rows that have any (reference_count is kept at insert).
 */
const REFERENCES_JSON = `CASE WHEN g.reference_count > 0 THEN (
    SELECT json_group_array(json_array(gr.position, ${REFERENCE_COLUMNS.map((c) => `r.${c}`).join(', ')}))
    FROM generation_references gr JOIN refs r ON r.id = gr.reference_id
    WHERE gr.generation_id = g.id) END`

/** The select list every generation read uses, with `generations` aliased as `g`. */
export const GENERATION_SELECT = `${GENERATION_COLUMNS.map((c) => `g.${c}`).join(', ')}, ${REFERENCES_JSON} AS references_json`

/** A row with exactly the table's columns (plus the computed references) — checked against table.ts at compile time. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const rowMatchesTable: SameKeys<Exclude<keyof GenerationRow, 'references_json'>, GenerationColumn> = true
void rowMatchesTable

type Values = readonly unknown[]

/**
 * Builds a row from its values in select order. Generated once from the table
 * definition, so every row object has the same fixed shape (one hidden class,
 * as a literal would) without writing the column list out again.
 */
// The generated source is only our own column names, fixed at build time.
const rowFromValues = new Function(
  'v',
  `return { ${GENERATION_COLUMNS.map((column, index) => `${column}: v[${index}]`).join(', ')}, references_json: v[${GENERATION_COLUMNS.length}] }`,
) as (values: Values) => GenerationRow

type Param = string | number | bigint | null

/** A statement selecting GENERATION_SELECT, returning fixed-shape rows. */
export class GenerationReader {
  private readonly arrays: boolean

  constructor(
    private readonly statement: StatementSync,
    options: { arrays?: boolean } = {},
  ) {
    // Rows as arrays where supported; older node:sqlite returns objects whose values are in select order.
    const withArrays = statement as StatementSync & { setReturnArrays?: (enabled: boolean) => void }
    this.arrays = (options.arrays ?? true) && typeof withArrays.setReturnArrays === 'function'
    if (this.arrays) withArrays.setReturnArrays?.(true)
  }

  all(...params: Param[]): GenerationRow[] {
    const raw = this.statement.all(...params) as unknown[]
    return raw.map((values) => rowFromValues(this.arrays ? (values as Values) : Object.values(values as object)))
  }

  get(...params: Param[]): GenerationRow | undefined {
    const values = this.statement.get(...params) as unknown
    if (values === undefined) return undefined
    return rowFromValues(this.arrays ? (values as Values) : Object.values(values as object))
  }
}

const STATUSES = new Set<string>(GenerationStatus.options)
const RATIOS = new Set<string>(AspectRatio.options)

function corrupt(what: string): never {
  throw new LibraryError('LIBRARY_CORRUPT', `Atelier's library database holds an unreadable ${what}.`)
}

function referencesFromJson(json: string | null): ReferenceInfo[] {
  if (json === null) return []
  const entries = JSON.parse(json) as Array<[number, ...unknown[]]>
  entries.sort((a, b) => a[0] - b[0])
  return entries.map((entry) => {
    const row = Object.fromEntries(
      REFERENCE_COLUMNS.map((column, index) => [column, entry[index + 1]]),
    ) as unknown as ReferenceRow
    return rowToReference(row)
  })
}

/** `references` when the caller already has them (just inserted); otherwise read from the row. */
export function rowToGeneration(row: GenerationRow, references?: ReferenceInfo[]): Generation {
  if (!STATUSES.has(row.status)) corrupt(`status (${row.status})`)
  if (!RATIOS.has(row.aspect_ratio)) corrupt(`aspect ratio (${row.aspect_ratio})`)
  const hasImage =
    row.image_path !== null &&
    row.thumb_path !== null &&
    row.image_width !== null &&
    row.image_height !== null &&
    row.image_bytes !== null &&
    row.image_sha256 !== null &&
    row.image_mime !== null
  return {
    id: row.id,
    taskUuid: row.task_uuid,
    status: row.status as Generation['status'],
    prompt: row.prompt,
    aspectRatio: row.aspect_ratio as Generation['aspectRatio'],
    references: references ?? referencesFromJson(row.references_json),
    callbackUrl: row.callback_url,
    price: row.price,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
    error:
      row.error_code === null
        ? null
        : { code: row.error_code, message: row.error_message ?? '', detail: row.error_detail },
    image: hasImage
      ? {
          path: row.image_path as string,
          thumbPath: row.thumb_path as string,
          width: row.image_width as number,
          height: row.image_height as number,
          bytes: row.image_bytes as number,
          sha256: row.image_sha256 as string,
          mime: row.image_mime as string,
          // Only said when true: absent means "on disk when last looked".
          ...(row.image_missing !== 0 ? { missing: true } : {}),
        }
      : null,
    remoteUrl: row.remote_url,
    stalled: row.stalled !== 0,
    retry:
      row.retry_reason === null || row.retry_at === null
        ? null
        : { reason: row.retry_reason, at: row.retry_at, attempt: row.retry_attempt ?? 0 },
    favorite: row.favorite !== 0,
    ...(row.deleted_at !== null ? { deletedAt: row.deleted_at } : {}),
    ...(row.batch_id !== null ? { batchId: row.batch_id } : {}),
    ...(row.recovered_lacking !== null ? { recoveredLacking: recoveredLacking(row.recovered_lacking) } : {}),
    version: row.version,
  }
}

function recoveredLacking(json: string): RecoveredGap[] {
  const parsed = z.array(RecoveredGap).safeParse(JSON.parse(json))
  if (!parsed.success) corrupt('recovered_lacking')
  return parsed.data
}

export function rowToReference(row: ReferenceRow): ReferenceInfo {
  if (row.kind !== 'file' && row.kind !== 'url') corrupt(`reference kind (${row.kind})`)
  return {
    id: row.id,
    kind: row.kind,
    path: row.path,
    url: row.url,
    mime: row.mime,
    width: row.width,
    height: row.height,
    originalBytes: row.original_bytes,
    preparedBytes: row.prepared_bytes,
    sourceGenerationId: row.source_generation_id,
    name: row.name,
  }
}
