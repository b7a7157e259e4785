/**
 * The runblob ChatGPT Images client: the two documented endpoints, every
 * failure mapped to a RunblobError. It never retries — the task engine owns the
 * retry policy, because only it knows whether a POST may have been charged.
 */
import { randomUUID } from 'node:crypto'
import type { Logger } from '../ports'
import { badResponse, httpError, transportError } from './errors'
import { redactSecret } from './redact'
import { readGenerateResponse, readStatusResponse } from './schemas'
import { RunblobError, type GenerateRequest, type RequestOptions, type RunblobClient } from './types'

export const DEFAULT_TIMEOUT_MS = 30_000
export const GENERATE_PATH = '/v1/chatgpt-images/generate'
export const STATUS_PATH = '/v1/chatgpt-images/generations/'

export interface RunblobClientOptions {
  /** e.g. https://platform.runblob.io, a proxy, or the simulator; a trailing slash is fine. */
  baseUrl: string
  /** Read on every request, so a key changed in Settings applies at once. */
  apiKey: () => string | null
  fetch?: typeof fetch
  /** Per request, including reading the body. Default 30 s. */
  timeoutMs?: number
  logger?: Logger
  /** Sent as `User-Agent: Atelier/<version>`. */
  appVersion?: string
}

/** Visible ASCII only: anything else cannot travel in a header (and fetch's error would quote it). */
const SENDABLE_KEY = /^[\x21-\x7e]+$/

export function normalizeBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl.trim())
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`runblob base URL must be http(s): ${url.protocol}`)
  url.search = ''
  url.hash = ''
  return url.href.replace(/\/+$/, '')
}

/** Only the documented fields, and never `aspect_ratio: "auto"`. */
export function generateBody(request: GenerateRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { prompt: request.prompt }
  const ratio: string | undefined = request.aspect_ratio
  if (ratio !== undefined && ratio !== 'auto') body.aspect_ratio = ratio
  if (request.images && request.images.length > 0) body.images = [...request.images]
  if (request.callback_url) body.callback_url = request.callback_url
  return body
}

interface RawReply {
  status: number
  json: unknown
}

export function createRunblobClient(options: RunblobClientOptions): RunblobClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl)
  const doFetch = options.fetch ?? globalThis.fetch
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const userAgent = options.appVersion ? `Atelier/${options.appVersion}` : 'Atelier'
  const logger = options.logger

  function currentKey(): string {
    const key = options.apiKey()?.trim() ?? ''
    if (!key) throw new RunblobError('http', 'UNAUTHORIZED', 'No API key is set. Add your runblob API key in Settings.')
    if (!SENDABLE_KEY.test(key)) {
      throw new RunblobError(
        'http',
        'UNAUTHORIZED',
        'The API key contains spaces or characters that cannot be sent. Paste it again in Settings.',
      )
    }
    return key
  }

  async function send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    requestOptions: RequestOptions = {},
  ): Promise<RawReply> {
    const key = currentKey()
    const timeoutMs = requestOptions.timeoutMs ?? defaultTimeoutMs
    const timeout = AbortSignal.timeout(timeoutMs)
    const caller = requestOptions.signal
    const signal = caller ? AbortSignal.any([caller, timeout]) : timeout
    const headers: Record<string, string> = {
      authorization: `Bearer ${key}`,
      accept: 'application/json',
      'user-agent': userAgent,
    }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const started = Date.now()

    let status: number
    let retryAfter: string | null
    let bodyText: string
    try {
      const response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
        redirect: 'follow',
      })
      status = response.status
      retryAfter = response.headers.get('retry-after')
      bodyText = await response.text()
    } catch (error) {
      const failure = transportError(error, {
        aborted: caller?.aborted ?? false,
        timedOut: timeout.aborted,
        timeoutMs,
        secret: key,
      })
      logger?.warn(
        { method, path, code: failure.code, reason: redactSecret(failure.message, key), ms: Date.now() - started },
        'runblob request failed',
      )
      throw failure
    }

    if (status < 200 || status > 299) {
      const failure = httpError({ status, retryAfter, bodyText }, key)
      logger?.warn(
        {
          method,
          path,
          status,
          code: failure.code,
          providerCode: failure.details.providerCode ?? null,
          ms: Date.now() - started,
        },
        'runblob answered with an error',
      )
      throw failure
    }
    logger?.debug({ method, path, status, ms: Date.now() - started }, 'runblob request')
    try {
      return { status, json: JSON.parse(bodyText) as unknown }
    } catch {
      throw badResponse(status, 'the body is not JSON')
    }
  }

  return {
    baseUrl,

    async generate(request, requestOptions) {
      const reply = await send('POST', GENERATE_PATH, generateBody(request), requestOptions)
      const parsed = readGenerateResponse(reply.json)
      if (!parsed) throw badResponse(reply.status, 'no task_uuid in the reply')
      return parsed
    },

    async status(taskUuid, requestOptions) {
      if (!taskUuid.trim()) throw new TypeError('status() needs a task uuid')
      const reply = await send('GET', `${STATUS_PATH}${encodeURIComponent(taskUuid)}`, undefined, requestOptions)
      const parsed = readStatusResponse(reply.json, taskUuid)
      if (!parsed) throw badResponse(reply.status, 'no task status in the reply')
      return parsed
    },

    async verifyKey(requestOptions) {
      try {
        // Any 2xx also means the key was accepted.
        await send('GET', `${STATUS_PATH}${randomUUID()}`, undefined, requestOptions)
        return 'valid'
      } catch (error) {
        if (error instanceof RunblobError && error.kind === 'http') {
          if (error.status === 404) return 'valid'
          // 401, or a key that is missing or cannot even be sent.
          if (error.code === 'UNAUTHORIZED') return 'invalid'
        }
        throw error
      }
    },
  }
}
