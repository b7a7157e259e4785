/**
 * Turns an error (a thrown AtelierError, or a generation's ErrorInfo) into what
 * the UI shows: the sentence, and the one action that helps. Codes travel intact
 * from the core and the provider; unknown codes still show their message.
 */
import { isAtelierError } from '../../../shared/result'
import { formatClock } from '../format/time'

/** Where a person tops up credits (the provider's dashboard). */
export const TOP_UP_URL = 'https://platform.runblob.io'

export type ErrorAction =
  { kind: 'top-up'; label: string; href: string } | { kind: 'open-settings'; label: string } | { kind: 'none' }

export interface ErrorView {
  code: string
  message: string
  action: ErrorAction
}

export interface ErrorLike {
  code: string
  message: string
  /** When the core says it will try again by itself (maintenance, rate limits). */
  retryAt?: string | null
}

const NO_ACTION: ErrorAction = { kind: 'none' }

export function describeErrorInfo(error: ErrorLike): ErrorView {
  const { code } = error
  const message = error.message.trim() || `Something went wrong (${code}).`
  switch (code) {
    case 'INSUFFICIENT_CREDITS':
      return { code, message, action: { kind: 'top-up', label: 'Top up at runblob', href: TOP_UP_URL } }
    case 'UNAUTHORIZED':
      return { code, message, action: { kind: 'open-settings', label: 'Open Settings' } }
    case 'SPEND_LIMIT':
      // The studio asks first; wherever the refusal shows up on its own, the limits are in Settings.
      return { code, message, action: { kind: 'open-settings', label: 'Change limits in Settings' } }
    case 'MAINTENANCE':
      return {
        code,
        message: error.retryAt ? `runblob is under maintenance — retrying at ${formatClock(error.retryAt)}.` : message,
        action: NO_ACTION,
      }
    case 'MODERATION_FAILED':
      return {
        code,
        message: "The provider's safety filter declined this prompt. Rephrase it and try again.",
        action: NO_ACTION,
      }
    default:
      // REFERENCE_* and everything else: the core's sentence is already the right one.
      return { code, message, action: NO_ACTION }
  }
}

/** For anything caught from `atelier.invoke` (or a bug): never shows a stack trace. */
export function describeError(error: unknown): ErrorView {
  if (isAtelierError(error)) {
    const retryAt = typeof error.data?.['retryAt'] === 'string' ? error.data['retryAt'] : null
    return describeErrorInfo({ code: error.code, message: error.message, retryAt })
  }
  if (error instanceof Error && error.message) {
    return { code: 'INTERNAL', message: error.message, action: NO_ACTION }
  }
  return { code: 'INTERNAL', message: 'Something went wrong inside Atelier.', action: NO_ACTION }
}
