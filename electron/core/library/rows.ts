/**
 * Rows ↔ domain objects. The database is written only by this module at a known
 * schema version (a newer schema is refused on open), and its tables are STRICT,
 * so reading trusts column types; the two enums are still checked, because a
 * wrong status would silently change what the engine does with a paid task.
 */
import {
  AspectRatio,
  GenerationStatus,
  type Generation,
  type ReferenceInfo,
} from '../../../shared/domain'
import { LibraryError } from './errors'

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

const STATUSES = new Set<string>(GenerationStatus.options)
const RATIOS = new Set<string>(AspectRatio.options)

function corrupt(what: string): never {
  throw new LibraryError('LIBRARY_CORRUPT', `Atelier's library database holds an unreadable ${what}.`)
}

export function rowToGeneration(row: GenerationRow, references: ReferenceInfo[]): Generation {
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
    references,
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
        }
      : null,
    remoteUrl: row.remote_url,
    stalled: row.stalled !== 0,
    retry:
      row.retry_reason === null || row.retry_at === null
        ? null
        : { reason: row.retry_reason, at: row.retry_at, attempt: row.retry_attempt ?? 0 },
    favorite: row.favorite !== 0,
    version: row.version,
  }
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
