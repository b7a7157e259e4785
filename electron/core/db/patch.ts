/**
 * Applies an engine patch to a ledger row, in memory, before it is written in
 * one statement. Also keeps the two derived facts right: a final status gets a
 * finish time, and the first completion records how long the task took.
 */
import { isFinalStatus, type GenerationStatus } from '../../../shared/domain'
import { durationMs, storedPrice } from '../domain/generationFacts'
import type { Logger } from '../ports'
import type { GenerationRow } from './rows'
import { canonicalOrNull, canonicalTimestamp, storableText } from './normalize'
import type { GenerationPatch } from './types'

export function applyPatch(row: GenerationRow, patch: GenerationPatch, now: string, logger: Logger): GenerationRow {
  const next: GenerationRow = { ...row }
  if (patch.taskUuid !== undefined) next.task_uuid = patch.taskUuid
  if (patch.status !== undefined) next.status = patch.status
  if (patch.price !== undefined) {
    const { price, micros } = storedPrice(patch.price, logger, row.id)
    next.price = price
    next.price_micros = micros
  }
  if (patch.submittedAt !== undefined) next.submitted_at = canonicalOrNull(patch.submittedAt)
  if (patch.finishedAt !== undefined) next.finished_at = canonicalOrNull(patch.finishedAt)
  if (patch.error !== undefined) {
    next.error_code = patch.error?.code ?? null
    next.error_message = patch.error ? storableText(patch.error.message) : null
    next.error_detail = patch.error?.detail == null ? null : storableText(patch.error.detail)
  }
  if (patch.image !== undefined) {
    const image = patch.image
    next.image_path = image?.path ?? null
    next.thumb_path = image?.thumbPath ?? null
    next.image_width = image?.width ?? null
    next.image_height = image?.height ?? null
    next.image_bytes = image?.bytes ?? null
    next.image_sha256 = image?.sha256 ?? null
    next.image_mime = image?.mime ?? null
    // A result the engine just wrote is on disk; the file check flags it again if it goes.
    next.image_missing = image?.missing ? 1 : 0
  }
  if (patch.remoteUrl !== undefined) next.remote_url = patch.remoteUrl
  if (patch.stalled !== undefined) next.stalled = patch.stalled ? 1 : 0
  if (patch.retry !== undefined) {
    next.retry_reason = patch.retry?.reason ?? null
    next.retry_at = patch.retry ? canonicalTimestamp(patch.retry.at) : null
    next.retry_attempt = patch.retry?.attempt ?? null
  }
  if (patch.favorite !== undefined) next.favorite = patch.favorite ? 1 : 0
  if (patch.nextCheckAt !== undefined) next.next_check_at = patch.nextCheckAt
  if (patch.attempts !== undefined) next.attempts = patch.attempts

  const status = next.status as GenerationStatus
  if (isFinalStatus(status) && next.finished_at === null) next.finished_at = now
  if (status === 'completed' && row.status !== 'completed' && next.duration_ms === null) {
    next.duration_ms = durationMs(status, next.submitted_at, next.finished_at)
  }
  next.version = row.version + 1
  next.updated_at = now
  return next
}
