/**
 * The sentences a person reads in the queue when something went wrong. Codes stay
 * stable (the UI maps them to actions); messages say what happened and whether
 * money was involved.
 */
import type { ErrorInfo } from '../../../shared/domain'

const CODE_LIKE = /^[A-Z][A-Z0-9_]{2,63}$/

const PROVIDER_SENTENCES: Record<string, string> = {
  MODERATION_FAILED: "The provider's safety filter declined this prompt or its reference images.",
  OPENAI_DECLINED: 'The model declined to make this image.',
  TIMEOUT: 'The provider gave up on this task: it took too long.',
  TASK_TIMEOUT: 'The provider gave up on this task: it took too long.',
}

/** A failed task as the status endpoint reported it: `message` holds a code or prose. */
export function providerFailure(message: string | null): ErrorInfo {
  const raw = message?.trim() ?? ''
  if (CODE_LIKE.test(raw)) {
    return {
      code: raw,
      message: PROVIDER_SENTENCES[raw] ?? `The provider reported that this generation failed (${raw}).`,
      detail: raw,
    }
  }
  return {
    code: 'GENERATION_FAILED',
    message: raw
      ? `The provider reported that this generation failed: ${raw}`
      : 'The provider reported that this generation failed.',
    detail: raw || null,
  }
}

export function outcomeUnknown(reason: string): ErrorInfo {
  return {
    code: 'OUTCOME_UNKNOWN',
    message: `The request was sent but no answer came back (${reason}), so it may have been charged. It was not sent again, to avoid paying twice.`,
    detail: reason,
  }
}

export const interruptedSubmit: ErrorInfo = {
  code: 'OUTCOME_UNKNOWN',
  message:
    'Atelier closed while this request was being sent, so it may have been charged. It was not sent again, to avoid paying twice.',
  detail: null,
}

export const creditsExhausted = (detail: string | null): ErrorInfo => ({
  code: 'INSUFFICIENT_CREDITS',
  message: 'Not enough credits on your runblob account. Nothing was charged for this image; top up, then retry.',
  detail,
})

export const creditsExhaustedInBatch: ErrorInfo = {
  code: 'INSUFFICIENT_CREDITS',
  message:
    'Not sent: your runblob account ran out of credits while this batch was being sent. Nothing was charged; top up, then retry.',
  detail: null,
}

export function referenceUnavailable(cause: unknown): ErrorInfo {
  const detail = cause instanceof Error ? cause.message : null
  return {
    code: 'REFERENCE_UNAVAILABLE',
    message: 'A reference image could not be read, so nothing was sent or charged. Add it again and retry.',
    detail,
  }
}

export const taskNotFound: ErrorInfo = {
  code: 'TASK_NOT_FOUND',
  message:
    'The provider no longer knows this task (was the API address or key changed?). Its uuid stays in the library.',
  detail: null,
}

export const missingTaskUuid: ErrorInfo = {
  code: 'OUTCOME_UNKNOWN',
  message: 'This task has no provider uuid on record, so it cannot be followed. It may have been charged.',
  detail: null,
}

export function downloadFailed(expired: boolean, detail: string | null): ErrorInfo {
  return expired
    ? {
        code: 'RESULT_EXPIRED',
        message:
          "The image was made, but the provider's link to it no longer works. Retry the download; if it still fails, the file is gone.",
        detail,
      }
    : {
        code: 'DOWNLOAD_FAILED',
        message: 'The image was made, but it could not be downloaded whole. Its link is kept: retry the download.',
        detail,
      }
}
