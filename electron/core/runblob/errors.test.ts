import { describe, expect, it } from 'vitest'
import { extractDetail, formatDelay, httpError, transportError } from './errors'
import type { RunblobErrorCode } from './types'

const NOW = Date.parse('2025-01-01T12:00:00Z')
const json = (body: unknown): string => JSON.stringify(body)

describe('httpError: the mapping table', () => {
  const cases: [number, string, RunblobErrorCode, string | null][] = [
    [400, json({ detail: 'Invalid image format' }), 'INVALID_REQUEST', null],
    [
      422,
      json({ detail: [{ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' }] }),
      'INVALID_REQUEST',
      null,
    ],
    [401, json({ detail: 'Invalid API key' }), 'UNAUTHORIZED', null],
    [402, json({ detail: 'INSUFFICIENT_CREDITS' }), 'INSUFFICIENT_CREDITS', 'INSUFFICIENT_CREDITS'],
    [404, json({ detail: 'Task not found' }), 'NOT_FOUND', null],
    [429, json({ detail: 'Too Many Requests' }), 'RATE_LIMITED', null],
    [500, json({ detail: 'OPENAI_DECLINED' }), 'PROVIDER_ERROR', 'OPENAI_DECLINED'],
    [503, json({ detail: 'Service under maintenance' }), 'MAINTENANCE', null],
    [502, '<html><body>502 Bad Gateway</body></html>', 'SERVER_ERROR', null],
    [504, '<html>gateway timeout</html>', 'SERVER_ERROR', null],
    [418, json({ detail: 'I_AM_A_TEAPOT' }), 'HTTP_ERROR', 'I_AM_A_TEAPOT'],
    [403, '', 'HTTP_ERROR', null],
  ]

  it.each(cases)('HTTP %i → %s', (status, bodyText, code, providerCode) => {
    const error = httpError({ status, retryAfter: null, bodyText }, null, NOW)
    expect(error.kind).toBe('http')
    expect(error.code).toBe(code)
    expect(error.status).toBe(status)
    expect(error.details.providerCode ?? null).toBe(providerCode)
    expect(error.message.length).toBeGreaterThan(10)
    expect(error.outcomeUnknown).toBe(false)
  })

  it('gives the documented sentences', () => {
    expect(httpError({ status: 401, retryAfter: null, bodyText: '' }, null).message).toBe(
      'The API key was refused. Check it in Settings.',
    )
    expect(
      httpError({ status: 402, retryAfter: null, bodyText: json({ detail: 'INSUFFICIENT_CREDITS' }) }, null).message,
    ).toBe('Your runblob balance is too low. Top up your credits, then try again.')
    expect(
      httpError({ status: 500, retryAfter: null, bodyText: json({ detail: 'OPENAI_DECLINED' }) }, null).message,
    ).toBe('The provider declined this request (OPENAI_DECLINED). A refund is attempted automatically.')
  })

  it('puts the detail of a 400 into the message', () => {
    const error = httpError(
      { status: 400, retryAfter: null, bodyText: json({ detail: 'Validation error: images format invalid' }) },
      null,
    )
    expect(error.details.detail).toBe('Validation error: images format invalid')
    expect(error.message).toContain('images format invalid')
    expect(error.retryable).toBe(false)
  })

  it('joins a FastAPI 422 list into one readable detail', () => {
    const body = json({
      detail: [
        { loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' },
        { loc: ['body', 'images', 0], msg: 'Input should be a valid string', type: 'string_type' },
      ],
    })
    const error = httpError({ status: 422, retryAfter: null, bodyText: body }, null)
    expect(error.details.detail).toBe('prompt: Field required; images.0: Input should be a valid string')
  })

  it('carries Retry-After on 429 and 503 and says when', () => {
    const limited = httpError({ status: 429, retryAfter: '30', bodyText: '' }, null, NOW)
    expect(limited.details.retryAfterMs).toBe(30_000)
    expect(limited.message).toContain('30 s')
    expect(limited.retryable).toBe(true)
    const maintenance = httpError({ status: 503, retryAfter: 'Wed, 01 Jan 2025 12:10:00 GMT', bodyText: '' }, null, NOW)
    expect(maintenance.code).toBe('MAINTENANCE')
    expect(maintenance.details.retryAfterMs).toBe(600_000)
    expect(maintenance.message).toContain('10 min')
    const noHeader = httpError({ status: 429, retryAfter: null, bodyText: '' }, null, NOW)
    expect(noHeader.details.retryAfterMs).toBeNull()
  })

  it('treats a 500 with prose as a provider error without a provider code', () => {
    const error = httpError(
      { status: 500, retryAfter: null, bodyText: json({ detail: 'Something broke upstream' }) },
      null,
    )
    expect(error.code).toBe('PROVIDER_ERROR')
    expect(error.details.providerCode).toBeNull()
    expect(error.retryable).toBe(false)
  })

  it('exposes the provider code first through toIpcError', () => {
    const ipc = httpError(
      { status: 402, retryAfter: null, bodyText: json({ detail: 'INSUFFICIENT_CREDITS' }) },
      null,
    ).toIpcError()
    expect(ipc.code).toBe('INSUFFICIENT_CREDITS')
    expect(ipc.data).toMatchObject({ kind: 'http', status: 402 })
  })
})

describe('extractDetail', () => {
  it.each([
    [json({ detail: 'Task not found' }), 'Task not found'],
    [json({ detail: { code: 'X' } }), '{"code":"X"}'],
    [json({ message: 'from message' }), 'from message'],
    [json({ nothing: 1 }), null],
    ['<html>nope</html>', null],
    ['', null],
    [json('bare string'), 'bare string'],
  ])('%s → %j', (body, expected) => {
    expect(extractDetail(body)).toBe(expected)
  })

  it('keeps long details bounded', () => {
    expect(extractDetail(json({ detail: 'x'.repeat(5000) }))?.length).toBeLessThan(600)
  })
})

describe('transportError', () => {
  const context = { aborted: false, timedOut: false, timeoutMs: 30_000, secret: null }
  const fetchFailed = (code: string): Error =>
    new TypeError('fetch failed', { cause: Object.assign(new Error('boom'), { code }) })

  it.each([
    ['ECONNRESET', 'reset'],
    ['ECONNREFUSED', 'refused'],
    ['UND_ERR_SOCKET', 'closed unexpectedly'],
    ['EWHATEVER', 'failed'],
  ])('%s → NETWORK', (code, words) => {
    const error = transportError(fetchFailed(code), context)
    expect(error.kind).toBe('network')
    expect(error.code).toBe('NETWORK')
    expect(error.message).toContain(words)
    expect(error.retryable).toBe(true)
    expect(error.outcomeUnknown).toBe(true)
  })

  it('prefers ABORTED when the caller cancelled, then TIMEOUT', () => {
    const abort = new DOMException('aborted', 'AbortError')
    expect(transportError(abort, { ...context, aborted: true, timedOut: true }).code).toBe('ABORTED')
    const timeout = transportError(new DOMException('timed out', 'TimeoutError'), { ...context, timedOut: true })
    expect(timeout.kind).toBe('timeout')
    expect(timeout.message).toContain('30 s')
  })
})

describe('formatDelay', () => {
  it.each([
    [1, '1 s'],
    [30_000, '30 s'],
    [120_000, '2 min'],
    [3 * 3_600_000, '3 h'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDelay(ms)).toBe(text)
  })
})
