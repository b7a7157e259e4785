import { describe, expect, it } from 'vitest'
import { RunblobError, type RunblobErrorCode, type RunblobErrorKind } from '../runblob/types'
import {
  acceptPrice,
  decidePollFailure,
  decidePollReply,
  decideSubmitFailure,
  isConnectFailure,
  nextPollDelay,
  resumeAction,
} from './decisions'
import { DEFAULT_TUNING } from './types'

function httpError(code: RunblobErrorCode, status: number, extra: Partial<RunblobError['details']> = {}): RunblobError {
  return new RunblobError('http', code, `HTTP ${status} sentence.`, { status, ...extra })
}

function transport(kind: RunblobErrorKind, code: RunblobErrorCode, causeCode?: string): RunblobError {
  const cause = causeCode
    ? Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error(causeCode), { code: causeCode }) })
    : undefined
  return new RunblobError(kind, code, 'no answer', { cause })
}

describe('decideSubmitFailure: what a failed POST means for money', () => {
  it('marks every "no answer" as unknown (may have been charged), never as retryable', () => {
    for (const error of [
      transport('network', 'NETWORK', 'ECONNRESET'),
      transport('network', 'NETWORK', 'UND_ERR_SOCKET'),
      transport('timeout', 'TIMEOUT'),
      transport('aborted', 'ABORTED'),
      new RunblobError('bad_response', 'BAD_RESPONSE', 'unreadable', { status: 200 }),
      httpError('SERVER_ERROR', 502),
      httpError('SERVER_ERROR', 504),
      new Error('something odd'),
    ]) {
      const outcome = decideSubmitFailure(error)
      expect(outcome.kind, String(error)).toBe('unknown')
      if (outcome.kind === 'unknown') {
        expect(outcome.error.code).toBe('OUTCOME_UNKNOWN')
        expect(outcome.error.message).toMatch(/may have been charged/)
      }
    }
  })

  it('re-queues when the connection was never made (nothing left the machine)', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']) {
      expect(decideSubmitFailure(transport('network', 'NETWORK', code))).toEqual({
        kind: 'requeue',
        reason: 'offline',
        retryAfterMs: null,
        pause: null,
        network: true,
      })
    }
  })

  it('re-queues on 401 (pause), 429 (with Retry-After) and 503 (maintenance pause): nothing was created', () => {
    expect(decideSubmitFailure(httpError('UNAUTHORIZED', 401))).toMatchObject({
      kind: 'requeue',
      pause: 'unauthorized',
    })
    expect(decideSubmitFailure(httpError('RATE_LIMITED', 429, { retryAfterMs: 3000 }))).toMatchObject({
      kind: 'requeue',
      reason: 'rate_limited',
      retryAfterMs: 3000,
      pause: null,
    })
    expect(decideSubmitFailure(httpError('MAINTENANCE', 503, { retryAfterMs: null }))).toMatchObject({
      kind: 'requeue',
      pause: 'maintenance',
      retryAfterMs: null,
    })
    // A missing key is refused by the client before sending: same as 401.
    expect(decideSubmitFailure(new RunblobError('http', 'UNAUTHORIZED', 'No API key is set.'))).toMatchObject({
      kind: 'requeue',
      pause: 'unauthorized',
    })
  })

  it('rejects 402 as INSUFFICIENT_CREDITS (stopping the batch) and keeps provider messages for 400/422/500', () => {
    const credits = decideSubmitFailure(
      httpError('INSUFFICIENT_CREDITS', 402, { detail: 'INSUFFICIENT_CREDITS', providerCode: 'INSUFFICIENT_CREDITS' }),
    )
    expect(credits).toMatchObject({ kind: 'rejected', creditsExhausted: true, error: { code: 'INSUFFICIENT_CREDITS' } })
    if (credits.kind === 'rejected') expect(credits.error.message).toMatch(/Nothing was charged/)

    expect(decideSubmitFailure(httpError('INVALID_REQUEST', 400, { detail: 'Invalid image format' }))).toEqual({
      kind: 'rejected',
      creditsExhausted: false,
      error: { code: 'INVALID_REQUEST', message: 'HTTP 400 sentence.', detail: 'Invalid image format' },
    })
    expect(
      decideSubmitFailure(
        httpError('PROVIDER_ERROR', 500, { detail: 'OPENAI_DECLINED', providerCode: 'OPENAI_DECLINED' }),
      ),
    ).toMatchObject({
      kind: 'rejected',
      error: { code: 'OPENAI_DECLINED', detail: 'OPENAI_DECLINED' },
    })
    expect(decideSubmitFailure(httpError('HTTP_ERROR', 418))).toMatchObject({ kind: 'rejected' })
    expect(decideSubmitFailure(httpError('HTTP_ERROR', 599))).toMatchObject({ kind: 'unknown' })
  })
})

describe('decidePollFailure: a status check that failed is always looked at again', () => {
  it('classifies the reasons', () => {
    expect(decidePollFailure(transport('network', 'NETWORK', 'ECONNRESET'))).toMatchObject({
      reason: 'network',
      network: true,
    })
    expect(decidePollFailure(transport('timeout', 'TIMEOUT'))).toMatchObject({ reason: 'timeout', network: true })
    expect(decidePollFailure(httpError('PROVIDER_ERROR', 500))).toMatchObject({
      reason: 'server_error',
      network: false,
    })
    expect(decidePollFailure(httpError('SERVER_ERROR', 502, { retryAfterMs: 5000 }))).toMatchObject({
      retryAfterMs: 5000,
    })
    expect(decidePollFailure(httpError('RATE_LIMITED', 429, { retryAfterMs: 1000 }))).toMatchObject({
      reason: 'rate_limited',
      retryAfterMs: 1000,
    })
    expect(decidePollFailure(httpError('MAINTENANCE', 503))).toMatchObject({ pause: 'maintenance' })
    expect(decidePollFailure(httpError('UNAUTHORIZED', 401))).toMatchObject({ pause: 'unauthorized' })
    expect(decidePollFailure(httpError('NOT_FOUND', 404))).toMatchObject({ reason: 'not_found', notFound: true })
    expect(decidePollFailure(new RunblobError('bad_response', 'BAD_RESPONSE', 'x'))).toMatchObject({
      reason: 'bad_response',
    })
    expect(decidePollFailure(new TypeError('bug'))).toMatchObject({ reason: 'internal' })
  })
})

describe('decidePollReply', () => {
  const reply = (status: string, extra: Record<string, unknown> = {}) => ({
    task_uuid: 'u',
    status,
    prompt: null,
    result_image_url: null,
    message: null,
    ...extra,
  })

  it('downloads a completed task with a usable URL', () => {
    expect(decidePollReply(reply('completed', { result_image_url: 'https://cdn.example.com/a.png' }))).toEqual({
      kind: 'download',
      url: 'https://cdn.example.com/a.png',
    })
  })

  it('keeps polling a completed task without a usable URL, and any unknown status', () => {
    expect(decidePollReply(reply('completed'))).toMatchObject({ kind: 'waiting', status: null })
    expect(decidePollReply(reply('completed', { result_image_url: 'file:///etc/passwd' }))).toMatchObject({
      kind: 'waiting',
    })
    expect(decidePollReply(reply('queued_for_gpu'))).toEqual({
      kind: 'waiting',
      status: null,
      unrecognized: 'queued_for_gpu',
    })
    expect(decidePollReply(reply('processing'))).toEqual({ kind: 'waiting', status: 'processing', unrecognized: null })
  })

  it("fails with the provider's code and a sentence, or with prose kept", () => {
    expect(decidePollReply(reply('failed', { message: 'MODERATION_FAILED' }))).toEqual({
      kind: 'failed',
      error: {
        code: 'MODERATION_FAILED',
        message: "The provider's safety filter declined this prompt or its reference images.",
        detail: 'MODERATION_FAILED',
      },
    })
    expect(decidePollReply(reply('failed', { message: 'SOMETHING_NEW' }))).toMatchObject({
      error: { code: 'SOMETHING_NEW', message: 'The provider reported that this generation failed (SOMETHING_NEW).' },
    })
    expect(decidePollReply(reply('failed', { message: 'The GPU caught fire' }))).toMatchObject({
      error: { code: 'GENERATION_FAILED', detail: 'The GPU caught fire' },
    })
    expect(decidePollReply(reply('failed'))).toMatchObject({ error: { code: 'GENERATION_FAILED', detail: null } })
  })
})

describe('nextPollDelay', () => {
  const tuning = DEFAULT_TUNING
  const mid = () => 0.5

  it('starts at the interval, grows with age to the cap, and slows down when stalled', () => {
    expect(nextPollDelay(0, tuning, mid)).toBe(5000)
    expect(nextPollDelay(60_000, tuning, mid)).toBe(10_000)
    expect(nextPollDelay(3 * 60_000, tuning, mid)).toBe(15_000)
    expect(nextPollDelay(7 * 60_000, tuning, mid)).toBe(30_000)
  })

  it('jitters by at most ±10%', () => {
    expect(nextPollDelay(0, tuning, () => 0)).toBe(4500)
    expect(nextPollDelay(0, tuning, () => 0.999)).toBe(5499)
  })
})

describe('resumeAction: what start() does with a row', () => {
  const now = 1_000_000
  it('never re-POSTs an interrupted submission', () => {
    expect(resumeAction('submitting', null, now, DEFAULT_TUNING)).toEqual({ kind: 'mark_unknown' })
  })
  it('submits queued rows, polls in-progress ones at once, downloads again', () => {
    expect(resumeAction('queued', null, now, DEFAULT_TUNING)).toEqual({ kind: 'submit', dueAt: now })
    expect(resumeAction('queued', now + 5000, now, DEFAULT_TUNING)).toEqual({ kind: 'submit', dueAt: now + 5000 })
    expect(resumeAction('pending', null, now, DEFAULT_TUNING)).toEqual({ kind: 'poll', dueAt: now })
    expect(resumeAction('processing', now + 10 * 60_000, now, DEFAULT_TUNING)).toEqual({
      kind: 'poll',
      dueAt: now + 15_000,
    })
    expect(resumeAction('downloading', now - 5000, now, DEFAULT_TUNING)).toEqual({ kind: 'download', dueAt: now })
  })
  it('leaves final rows alone', () => {
    for (const status of ['completed', 'failed', 'rejected', 'unknown'] as const) {
      expect(resumeAction(status, null, now, DEFAULT_TUNING)).toEqual({ kind: 'none' })
    }
  })
})

describe('small checks', () => {
  it('accepts only decimal price strings', () => {
    expect(acceptPrice('0.0400')).toBe('0.0400')
    expect(acceptPrice('1e-3')).toBeNull()
    expect(acceptPrice(null)).toBeNull()
  })
  it('recognises connect failures through cause chains and aggregate errors', () => {
    const aggregate = Object.assign(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })]), {})
    expect(isConnectFailure(new Error('x', { cause: aggregate }))).toBe(true)
    expect(isConnectFailure(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(false)
  })
})
