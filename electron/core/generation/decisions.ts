/**
 * The engine's decisions as pure functions: what a failed POST means for the
 * ledger, what a status reply means, how long to wait before the next look.
 * Everything about money lives here, where it is unit-tested.
 */
import type { ErrorInfo, Generation, GenerationStatus } from '../../../shared/domain'
import { RunblobError, type TaskStatusResponse } from '../runblob/types'
import { creditsExhausted, outcomeUnknown, providerFailure } from './messages'
import type { EngineTuning } from './types'

/** Why a row waits; shown in the queue through `Generation.retry.reason`. */
export type RetryReason =
  | 'network'
  | 'offline'
  | 'timeout'
  | 'server_error'
  | 'rate_limited'
  | 'maintenance'
  | 'unauthorized'
  | 'not_found'
  | 'bad_response'
  | 'internal'
  | 'storage'
  | 'download_failed'
  | 'result_expired'

/** Engine-wide pauses a single answer can cause. */
export type PauseCause = 'maintenance' | 'unauthorized'

/** Errors from connecting: the request certainly never reached the server. */
const CONNECT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** True when the error chain shows the connection was never made (so nothing was sent). */
export function isConnectFailure(error: unknown): boolean {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && CONNECT_ERROR_CODES.has(code)) return true
    const errors = (current as { errors?: unknown }).errors
    if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => isConnectFailure(inner))) return true
    const details = current instanceof RunblobError ? current.details.cause : undefined
    current = (current as { cause?: unknown }).cause ?? details
  }
  return false
}

export type SubmitOutcome =
  /** The provider may have created (and charged) a task: never re-send on our own. */
  | { kind: 'unknown'; error: ErrorInfo }
  /** The provider refused before a task existed: nothing charged. */
  | { kind: 'rejected'; error: ErrorInfo; creditsExhausted: boolean }
  /** Nothing was created and trying later can help: back to `queued`. */
  | {
      kind: 'requeue'
      reason: RetryReason
      retryAfterMs: number | null
      pause: PauseCause | null
      /** Counts towards "offline". */
      network: boolean
    }

function providerError(error: RunblobError): ErrorInfo {
  return {
    code: error.details.providerCode ?? error.code,
    message: error.message,
    detail: error.details.detail ?? null,
  }
}

/** What a failed POST /generate means. */
export function decideSubmitFailure(error: unknown): SubmitOutcome {
  if (!(error instanceof RunblobError)) {
    // Not the client's own error: we cannot tell whether the request left.
    return { kind: 'unknown', error: outcomeUnknown(error instanceof Error ? error.message : 'unexpected error') }
  }
  const retryAfterMs = error.details.retryAfterMs ?? null
  if (error.kind === 'network' && isConnectFailure(error)) {
    return { kind: 'requeue', reason: 'offline', retryAfterMs: null, pause: null, network: true }
  }
  if (error.outcomeUnknown) return { kind: 'unknown', error: outcomeUnknown(describeKind(error)) }
  switch (error.code) {
    case 'UNAUTHORIZED':
      return { kind: 'requeue', reason: 'unauthorized', retryAfterMs: null, pause: 'unauthorized', network: false }
    case 'RATE_LIMITED':
      return { kind: 'requeue', reason: 'rate_limited', retryAfterMs, pause: null, network: false }
    case 'MAINTENANCE':
      return { kind: 'requeue', reason: 'maintenance', retryAfterMs, pause: 'maintenance', network: false }
    case 'INSUFFICIENT_CREDITS':
      return { kind: 'rejected', error: creditsExhausted(error.details.detail ?? null), creditsExhausted: true }
    case 'SERVER_ERROR':
      // A gateway (502/504) may have passed the request on before failing.
      return { kind: 'unknown', error: outcomeUnknown(`HTTP ${error.status ?? 'error'} from a gateway`) }
    case 'HTTP_ERROR':
      if ((error.status ?? 0) >= 500) return { kind: 'unknown', error: outcomeUnknown(`HTTP ${error.status}`) }
      return { kind: 'rejected', error: providerError(error), creditsExhausted: false }
    default:
      // 400/422 invalid, 404, 500 declined (the provider answered and attempts a refund).
      return {
        kind: 'rejected',
        error: providerError(error),
        creditsExhausted: error.details.providerCode === 'INSUFFICIENT_CREDITS',
      }
  }
}

function describeKind(error: RunblobError): string {
  switch (error.kind) {
    case 'timeout':
      return 'timed out'
    case 'aborted':
      return 'interrupted'
    case 'bad_response':
      return 'unreadable reply'
    default:
      return 'connection lost'
  }
}

export interface RequestRetry {
  reason: RetryReason
  retryAfterMs: number | null
  pause: PauseCause | null
  network: boolean
  notFound: boolean
}

/** What a failed GET /generations/{uuid} means: always "look again later"; the caller counts. */
export function decidePollFailure(error: unknown): RequestRetry {
  const base = { retryAfterMs: null, pause: null, network: false, notFound: false }
  if (!(error instanceof RunblobError)) return { ...base, reason: 'internal' }
  const retryAfterMs = error.details.retryAfterMs ?? null
  if (error.kind === 'network') return { ...base, reason: 'network', network: true }
  if (error.kind === 'timeout') return { ...base, reason: 'timeout', network: true }
  if (error.kind === 'bad_response') return { ...base, reason: 'bad_response' }
  switch (error.code) {
    case 'UNAUTHORIZED':
      return { ...base, reason: 'unauthorized', pause: 'unauthorized' }
    case 'RATE_LIMITED':
      return { ...base, reason: 'rate_limited', retryAfterMs }
    case 'MAINTENANCE':
      return { ...base, reason: 'maintenance', retryAfterMs, pause: 'maintenance' }
    case 'NOT_FOUND':
      return { ...base, reason: 'not_found', notFound: true }
    default:
      return { ...base, reason: 'server_error', retryAfterMs }
  }
}

export type PollOutcome =
  | { kind: 'download'; url: string }
  | { kind: 'failed'; error: ErrorInfo }
  /** Still working. `status` null = a string we do not know: keep the row's status, keep polling. */
  | { kind: 'waiting'; status: 'pending' | 'processing' | null; unrecognized: string | null }

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/** What a status reply means for the ledger. */
export function decidePollReply(reply: TaskStatusResponse): PollOutcome {
  switch (reply.status) {
    case 'pending':
      return { kind: 'waiting', status: 'pending', unrecognized: null }
    case 'processing':
      return { kind: 'waiting', status: 'processing', unrecognized: null }
    case 'completed':
      if (reply.result_image_url && isHttpUrl(reply.result_image_url))
        return { kind: 'download', url: reply.result_image_url }
      return { kind: 'waiting', status: null, unrecognized: 'completed without a usable result_image_url' }
    case 'failed':
      return { kind: 'failed', error: providerFailure(reply.message) }
    default:
      return { kind: 'waiting', status: null, unrecognized: String(reply.status) }
  }
}

/**
 * The next status check: frequent while a task is young, sparser as it ages (the
 * interval is a tenth… a sixth of its age, kept within [interval, cap]), and slow
 * once it is stalled. A little jitter keeps many tasks from polling in lockstep.
 */
export function nextPollDelay(
  ageMs: number,
  tuning: Pick<EngineTuning, 'pollIntervalMs' | 'pollIntervalCapMs' | 'stalledAfterMs' | 'stalledPollIntervalMs'>,
  random: () => number = Math.random,
): number {
  if (ageMs >= tuning.stalledAfterMs) return tuning.stalledPollIntervalMs
  const grown = Math.min(tuning.pollIntervalCapMs, Math.max(tuning.pollIntervalMs, ageMs / 6))
  const jitter = 0.9 + 0.2 * Math.min(Math.max(random(), 0), 1)
  return Math.round(grown * jitter)
}

export type ResumeAction =
  | { kind: 'mark_unknown' }
  | { kind: 'submit'; dueAt: number }
  | { kind: 'poll'; dueAt: number }
  | { kind: 'download'; dueAt: number }
  | { kind: 'none' }

/** What start() does with an unfinished row found in the ledger. */
export function resumeAction(
  status: GenerationStatus,
  nextCheckAt: number | null,
  now: number,
  tuning: EngineTuning,
): ResumeAction {
  // A remembered backoff still applies, but never longer than the cap.
  const dueAt = nextCheckAt === null ? now : Math.min(Math.max(now, nextCheckAt), now + tuning.backoffCapMs)
  switch (status) {
    case 'submitting':
      // The app died during the POST: the task may exist. Never re-POST.
      return { kind: 'mark_unknown' }
    case 'queued':
      return { kind: 'submit', dueAt }
    case 'pending':
    case 'processing':
      // The task may have finished while we were away: look now.
      return { kind: 'poll', dueAt: nextCheckAt === null ? now : Math.min(dueAt, now + tuning.pollIntervalCapMs) }
    case 'downloading':
      return { kind: 'download', dueAt }
    default:
      return { kind: 'none' }
  }
}

/** A task's age for polling and stall decisions: since it was submitted. */
export function taskAge(generation: Generation, now: number): number {
  const since = Date.parse(generation.submittedAt ?? generation.createdAt)
  return Number.isFinite(since) ? Math.max(0, now - since) : 0
}

/** Price strings go into the ledger only when they are decimal amounts. */
export function acceptPrice(price: string | null): string | null {
  return price !== null && /^\d+(\.\d+)?$/.test(price) ? price : null
}
