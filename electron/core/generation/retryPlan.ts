/**
 * When a request that failed without creating anything (a POST that was not
 * taken, a status check) is tried again, and what the gate is told on the way.
 * One rule for submit and poll: an unauthorized key pauses at once, maintenance
 * waits as the server says, network failures count towards "offline", and every
 * other answer backs off (Retry-After when given, jittered).
 */
import type { ErrorInfo, Generation } from '../../../shared/domain'
import { delayAfterRetryAfter } from './backoff'
import type { StepContext } from './context'
import type { PauseCause, RetryReason } from './decisions'

export interface RetryCause {
  reason: RetryReason
  retryAfterMs: number | null
  pause: PauseCause | null
  /** Counts towards "offline". */
  network: boolean
}

/** Tells the gate, and returns when to try again and the reason shown on the row. */
export function planRetry(
  ctx: StepContext,
  cause: RetryCause,
  attempt: number,
  now: number,
): { at: number; reason: RetryReason } {
  if (cause.pause === 'unauthorized') {
    ctx.gate.apiAnswered()
    ctx.gate.set('unauthorized', null)
    return { at: now, reason: cause.reason }
  }
  if (cause.pause === 'maintenance') {
    ctx.gate.apiAnswered()
    return { at: ctx.gate.maintenance(cause.retryAfterMs), reason: cause.reason }
  }
  if (cause.network) {
    const offlineUntil = ctx.gate.networkFailed()
    return {
      at: Math.max(offlineUntil ?? 0, now + ctx.backoff(attempt)),
      reason: offlineUntil !== null ? 'offline' : cause.reason,
    }
  }
  ctx.gate.apiAnswered()
  const delay =
    cause.retryAfterMs !== null
      ? delayAfterRetryAfter(cause.retryAfterMs, ctx.tuning.backoffBaseMs, ctx.random)
      : ctx.backoff(attempt)
  return { at: now + delay, reason: cause.reason }
}

/**
 * The end of trying: the row is failed with `error`, nothing is scheduled for it
 * any more, and the person is told. `attempts` is what the row's count ends at.
 */
export function endFailed(ctx: StepContext, row: Generation, error: ErrorInfo, attempts: number, now: number): void {
  const { row: failed } = ctx.ledger.record(row, {
    status: 'failed',
    error,
    finishedAt: ctx.iso(now),
    retry: null,
    attempts,
    nextCheckAt: null,
  })
  ctx.notices.failed(failed)
}
