/**
 * Every way a runblob request can fail, mapped to a RunblobError with a stable
 * code, the provider's own code when it sent a code-like detail, and a
 * sentence a person can act on. Pure functions: the client feeds them what it
 * saw.
 */
import { parseRetryAfter } from './retryAfter'
import { causeCode, redactSecret, sanitizeCause } from './redact'
import { RunblobError } from './types'

const CODE_LIKE = /^[A-Z][A-Z0-9_]+$/
const DETAIL_MAX = 500

function describeIssue(issue: unknown): string {
  if (typeof issue === 'object' && issue !== null) {
    const { msg, loc } = issue as { msg?: unknown; loc?: unknown }
    if (typeof msg === 'string') {
      const where = Array.isArray(loc) ? loc.filter((part) => part !== 'body').join('.') : ''
      return where ? `${where}: ${msg}` : msg
    }
  }
  return typeof issue === 'string' ? issue : JSON.stringify(issue)
}

/** The `detail` of an error body: a string as is, a FastAPI issue list joined, null when the body is not JSON. */
export function extractDetail(bodyText: string): string | null {
  let body: unknown
  try {
    body = JSON.parse(bodyText)
  } catch {
    return null
  }
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body.trim() ? body.trim() : null
  const record = body as Record<string, unknown>
  const detail = record.detail ?? record.message ?? record.error
  if (detail === undefined || detail === null) return null
  const text =
    typeof detail === 'string'
      ? detail
      : Array.isArray(detail)
        ? detail.map(describeIssue).join('; ')
        : JSON.stringify(detail)
  const trimmed = text.trim()
  if (!trimmed) return null
  return trimmed.length > DETAIL_MAX ? `${trimmed.slice(0, DETAIL_MAX)}…` : trimmed
}

export function formatDelay(ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  if (seconds < 90) return `${seconds} s`
  const minutes = Math.ceil(seconds / 60)
  return minutes < 90 ? `${minutes} min` : `${Math.ceil(minutes / 60)} h`
}

const sentence = (text: string): string => (/[.!?…]$/.test(text) ? text : `${text}.`)

export interface HttpFailure {
  status: number
  /** The raw `Retry-After` header. */
  retryAfter: string | null
  bodyText: string
}

export function httpError(failure: HttpFailure, secret: string | null, now: number = Date.now()): RunblobError {
  const { status } = failure
  const rawDetail = extractDetail(failure.bodyText)
  const detail = rawDetail === null ? null : redactSecret(rawDetail, secret)
  const providerCode = detail !== null && CODE_LIKE.test(detail) ? detail : null
  const retryAfterMs = parseRetryAfter(failure.retryAfter, now)
  const details = { status, detail, providerCode, retryAfterMs }
  const later = (fallback: string): string =>
    retryAfterMs === null ? fallback : `Try again in ${formatDelay(retryAfterMs)}.`

  if (status === 400 || status === 422) {
    const message = detail
      ? `runblob refused the request: ${sentence(detail)}`
      : `runblob refused the request as invalid (HTTP ${status}).`
    return new RunblobError('http', 'INVALID_REQUEST', message, details)
  }
  if (status === 401)
    return new RunblobError('http', 'UNAUTHORIZED', 'The API key was refused. Check it in Settings.', details)
  if (status === 402) {
    return new RunblobError(
      'http',
      'INSUFFICIENT_CREDITS',
      'Your runblob balance is too low. Top up your credits, then try again.',
      details,
    )
  }
  if (status === 404)
    return new RunblobError('http', 'NOT_FOUND', 'runblob does not know this task (Task not found).', details)
  if (status === 429) {
    return new RunblobError(
      'http',
      'RATE_LIMITED',
      `runblob is receiving too many requests from this key. ${later('Try again shortly.')}`,
      details,
    )
  }
  if (status === 500) {
    const message = providerCode
      ? `The provider declined this request (${providerCode}). A refund is attempted automatically.`
      : `runblob had an internal error${detail ? ` (${detail})` : ''}. A refund is attempted automatically.`
    return new RunblobError('http', 'PROVIDER_ERROR', message, details)
  }
  if (status === 503) {
    return new RunblobError(
      'http',
      'MAINTENANCE',
      `runblob is under maintenance. ${later('Try again later.')}`,
      details,
    )
  }
  if (status >= 500 && status <= 599) {
    return new RunblobError(
      'http',
      'SERVER_ERROR',
      `runblob's server is having trouble (HTTP ${status}). ${later('Try again in a moment.')}`,
      details,
    )
  }
  return new RunblobError(
    'http',
    'HTTP_ERROR',
    `runblob answered with an unexpected HTTP ${status}${detail ? `: ${sentence(detail)}` : '.'}`,
    details,
  )
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNRESET: 'the connection was reset',
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the server name could not be resolved',
  EAI_AGAIN: 'the server name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the server is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_CONNECT_TIMEOUT: 'connecting took too long',
  UND_ERR_HEADERS_TIMEOUT: 'the server took too long to answer',
  UND_ERR_BODY_TIMEOUT: 'the server stopped sending',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not trusted',
}

export interface TransportContext {
  /** The caller's own signal fired. */
  aborted: boolean
  /** Our timeout fired. */
  timedOut: boolean
  timeoutMs: number
  secret: string | null
}

/** A request that got no (complete) answer: aborted, timed out, or lost on the network. */
export function transportError(error: unknown, context: TransportContext): RunblobError {
  const cause = sanitizeCause(error, context.secret)
  if (context.aborted) return new RunblobError('aborted', 'ABORTED', 'The request was cancelled.', { cause })
  if (context.timedOut) {
    return new RunblobError('timeout', 'TIMEOUT', `runblob did not answer within ${formatDelay(context.timeoutMs)}.`, {
      cause,
    })
  }
  const code = causeCode(error)
  const reason = (code && NETWORK_REASONS[code]) ?? 'the network request failed'
  return new RunblobError('network', 'NETWORK', `Could not reach runblob: ${reason}. Check the internet connection.`, {
    cause,
  })
}

/** A 2xx whose body Atelier cannot use (not JSON, or missing what the docs promise). */
export function badResponse(status: number, reason: string): RunblobError {
  return new RunblobError('bad_response', 'BAD_RESPONSE', `runblob sent a reply Atelier could not read (${reason}).`, {
    status,
  })
}
