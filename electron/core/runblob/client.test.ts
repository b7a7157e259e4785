import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createRunblobClient, generateBody, normalizeBaseUrl } from './client'
import type { RunblobError } from './types'
import { recordingLogger } from '../../../tests/integration/library-fixtures'
import { failure } from '../../../tests/support/runblob'

const KEY = 'rb_live_S3CR3T-key-0123456789'

const jsonReply = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

function everythingVisibleAbout(error: RunblobError): string {
  return [
    error.message,
    String(error.stack),
    JSON.stringify(error),
    JSON.stringify(error.details, (_key, value: unknown) =>
      value instanceof Error ? inspect(value, { depth: 10 }) : value,
    ),
    JSON.stringify(error.toIpcError()),
    inspect(error, { depth: 20, showHidden: true }),
  ].join('\n')
}

describe('generateBody', () => {
  it('sends only the documented fields and never "auto"', () => {
    expect(generateBody({ prompt: 'a cat' })).toEqual({ prompt: 'a cat' })
    expect(
      generateBody({ prompt: 'a cat', aspect_ratio: '3:4', images: ['https://x/y.jpg'], callback_url: 'https://hook' }),
    ).toEqual({
      prompt: 'a cat',
      aspect_ratio: '3:4',
      images: ['https://x/y.jpg'],
      callback_url: 'https://hook',
    })
    const sneaky = { prompt: 'a cat', aspect_ratio: 'auto', extra: 1, images: [] } as unknown as Parameters<
      typeof generateBody
    >[0]
    expect(generateBody(sneaky)).toEqual({ prompt: 'a cat' })
  })
})

describe('normalizeBaseUrl', () => {
  it.each([
    ['https://platform.runblob.io', 'https://platform.runblob.io'],
    ['https://platform.runblob.io/', 'https://platform.runblob.io'],
    ['http://127.0.0.1:8765//', 'http://127.0.0.1:8765'],
    ['https://proxy.example/runblob/', 'https://proxy.example/runblob'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected)
  })

  it('refuses what is not an http(s) URL', () => {
    expect(() => normalizeBaseUrl('ftp://x')).toThrow()
    expect(() => normalizeBaseUrl('not a url')).toThrow()
  })
})

describe('createRunblobClient requests', () => {
  it('sends the key as a bearer token with JSON headers to the documented path', async () => {
    const seen: { url: string; init: RequestInit }[] = []
    const client = createRunblobClient({
      baseUrl: 'https://api.example/',
      apiKey: () => ` ${KEY} `,
      appVersion: '1.2.3',
      fetch: async (url, init) => {
        seen.push({ url: String(url), init: init ?? {} })
        return jsonReply(201, { task_uuid: 't1', status: 'pending', price: 0.04 })
      },
    })
    await expect(client.generate({ prompt: 'hi', aspect_ratio: '4:3' })).resolves.toEqual({
      task_uuid: 't1',
      status: 'pending',
      price: '0.04',
    })
    const [request] = seen
    expect(request?.url).toBe('https://api.example/v1/chatgpt-images/generate')
    expect(request?.init.method).toBe('POST')
    expect(request?.init.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': 'Atelier/1.2.3',
    })
    expect(JSON.parse(String(request?.init.body))).toEqual({ prompt: 'hi', aspect_ratio: '4:3' })
  })

  it('encodes the task uuid into the status path', async () => {
    const urls: string[] = []
    const client = createRunblobClient({
      baseUrl: 'https://api.example',
      apiKey: () => KEY,
      fetch: async (url) => {
        urls.push(String(url))
        return jsonReply(200, { status: 'pending' })
      },
    })
    await client.status('a/b?c')
    expect(urls).toEqual(['https://api.example/v1/chatgpt-images/generations/a%2Fb%3Fc'])
  })

  it('refuses to send without a key, and verifyKey calls that invalid', async () => {
    let calls = 0
    const client = createRunblobClient({
      baseUrl: 'https://api.example',
      apiKey: () => null,
      fetch: async () => {
        calls += 1
        return jsonReply(404, { detail: 'Task not found' })
      },
    })
    const error = await failure(client.status('x'))
    expect(error.code).toBe('UNAUTHORIZED')
    expect(error.outcomeUnknown).toBe(false)
    await expect(client.verifyKey()).resolves.toBe('invalid')
    expect(calls).toBe(0)
  })

  it('maps verifyKey answers: 404 valid, 401 invalid, others thrown', async () => {
    const answering = (response: () => Response) =>
      createRunblobClient({ baseUrl: 'https://api.example', apiKey: () => KEY, fetch: async () => response() })
    await expect(answering(() => jsonReply(404, { detail: 'Task not found' })).verifyKey()).resolves.toBe('valid')
    await expect(answering(() => jsonReply(401, { detail: 'Invalid API key' })).verifyKey()).resolves.toBe('invalid')
    const maintenance = await failure(
      answering(() => jsonReply(503, { detail: 'Service under maintenance' })).verifyKey(),
    )
    expect(maintenance.code).toBe('MAINTENANCE')
  })

  it('calls a 2xx that is not JSON or lacks a task uuid a bad response', async () => {
    const client = (response: () => Response) =>
      createRunblobClient({ baseUrl: 'https://api.example', apiKey: () => KEY, fetch: async () => response() })
    const html = await failure(client(() => new Response('<html>ok</html>', { status: 200 })).generate({ prompt: 'p' }))
    expect(html.code).toBe('BAD_RESPONSE')
    expect(html.outcomeUnknown).toBe(true)
    const shape = await failure(client(() => jsonReply(200, { ok: true })).generate({ prompt: 'p' }))
    expect(shape.code).toBe('BAD_RESPONSE')
  })
})

describe('the API key never leaks', () => {
  const scenarios: [string, typeof fetch][] = [
    ['a 400 whose detail echoes the key', async () => jsonReply(400, { detail: `Validation error: bad key ${KEY}` })],
    ['a 401 whose detail echoes the key', async () => jsonReply(401, { detail: `Invalid API key ${KEY}` })],
    [
      'a network error whose message and cause quote the key',
      async () => {
        const cause = Object.assign(new Error(`connect ECONNRESET (Authorization: Bearer ${KEY})`), {
          code: 'ECONNRESET',
          request: { headers: { authorization: `Bearer ${KEY}` } },
        })
        throw new TypeError(`fetch failed for ${KEY}`, { cause })
      },
    ],
    [
      'a timeout',
      async (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
        }),
    ],
  ]

  it.each(scenarios)('%s', async (_name, fetchStub) => {
    const logger = recordingLogger()
    const client = createRunblobClient({
      baseUrl: 'https://api.example',
      apiKey: () => KEY,
      fetch: fetchStub,
      timeoutMs: 50,
      logger,
    })
    const error = await failure(client.generate({ prompt: 'a cat' }))
    expect(everythingVisibleAbout(error)).not.toContain(KEY)
    expect(logger.entries.length).toBeGreaterThan(0)
    expect(JSON.stringify(logger.entries)).not.toContain(KEY)
  })

  it('does not turn a code-like key echoed as the detail into a provider code', async () => {
    const codeLikeKey = 'RB_LIVE_SECRET_0123456789'
    const client = createRunblobClient({
      baseUrl: 'https://api.example',
      apiKey: () => codeLikeKey,
      fetch: async () => jsonReply(500, { detail: codeLikeKey }),
    })
    const error = await failure(client.generate({ prompt: 'p' }))
    expect(error.details.providerCode).toBeNull()
    expect(everythingVisibleAbout(error)).not.toContain(codeLikeKey)
  })

  it('does not quote a key that cannot be sent', async () => {
    const badKey = `${KEY}\nsecond line`
    const client = createRunblobClient({
      baseUrl: 'https://api.example',
      apiKey: () => badKey,
      fetch: async () => jsonReply(404, {}),
    })
    const error = await failure(client.status('t'))
    expect(error.code).toBe('UNAUTHORIZED')
    expect(everythingVisibleAbout(error)).not.toContain(KEY)
  })
})
