/**
 * The runblob client against the real simulator over real HTTP on 127.0.0.1:
 * the documented behaviour and every documented error.
 */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { ApiAspectRatio } from '../../shared/domain'
import { createRunblobClient, type RunblobClientOptions } from '../../electron/core/runblob/client'
import type { RunblobClient, TaskStatusResponse } from '../../electron/core/runblob/types'
import { DEMO_API_KEY } from '../../electron/core/simulator'
import type { Simulator, SimulatorOptions } from '../../electron/core/simulator/types'
import { failure, simulatorPerTest } from '../support/runblob'

const startSimulator = simulatorPerTest({ pendingMs: 100, processingMs: 100, resultLongEdge: 128 })

async function setup(
  options: SimulatorOptions = {},
  clientOptions: Partial<RunblobClientOptions> = {},
): Promise<{ sim: Simulator; client: RunblobClient }> {
  const simulator = await startSimulator(options)
  const client = createRunblobClient({
    baseUrl: `${simulator.url}/`,
    apiKey: () => DEMO_API_KEY,
    appVersion: '0.1.0',
    ...clientOptions,
  })
  return { sim: simulator, client }
}

/** Polls the task until `done` says so; bounded, no fixed sleeps. */
async function pollUntil(
  client: RunblobClient,
  taskUuid: string,
  done: (status: TaskStatusResponse) => boolean,
  limitMs = 5000,
) {
  const seen: string[] = []
  const until = Date.now() + limitMs
  for (;;) {
    const status = await client.status(taskUuid)
    if (seen.at(-1) !== status.status) seen.push(status.status)
    if (done(status)) return { status, seen }
    if (Date.now() > until) throw new Error(`task stuck in ${status.status}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const photo = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg({ quality: 70 })
    .toBuffer()

describe('the documented happy path', () => {
  it('creates a task: 201, pending, price as a decimal string', async () => {
    const { sim, client } = await setup({ price: '0.0400' })
    const created = await client.generate({ prompt: 'A futuristic city with flying cars' })
    expect(created).toEqual({ task_uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'pending', price: '0.0400' })
    expect(sim.requests[0]?.responseStatus).toBe(201)
  })

  it('goes pending → processing → completed, and the result is a real PNG of the asked ratio', async () => {
    const { client } = await setup()
    const created = await client.generate({ prompt: 'A beautiful portrait in studio lighting', aspect_ratio: '3:4' })
    const { status, seen } = await pollUntil(client, created.task_uuid, (s) => s.status === 'completed')
    expect(seen).toEqual(['pending', 'processing', 'completed'])
    expect(status).toEqual({
      task_uuid: created.task_uuid,
      status: 'completed',
      prompt: 'A beautiful portrait in studio lighting',
      result_image_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\/.+\.png$/),
      message: null,
    })
    const download = await fetch(status.result_image_url ?? '')
    const meta = await sharp(Buffer.from(await download.arrayBuffer())).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 96, 128])
  })

  it('with "auto" and a landscape reference, the result follows the reference', async () => {
    const { client } = await setup()
    const reference = await photo(60, 40, '#2266aa')
    const created = await client.generate({
      prompt: 'Combine these',
      images: [`data:image/jpeg;base64,${reference.toString('base64')}`, 'https://example.com/b.jpg'],
    })
    const { status } = await pollUntil(client, created.task_uuid, (s) => s.status === 'completed')
    const meta = await sharp(Buffer.from(await (await fetch(status.result_image_url ?? '')).arrayBuffer())).metadata()
    expect([meta.width, meta.height]).toEqual([128, 96])
  })

  it('ends a moderated prompt as failed with MODERATION_FAILED', async () => {
    const { client } = await setup()
    const created = await client.generate({ prompt: 'something forbidden' })
    const { status } = await pollUntil(client, created.task_uuid, (s) => s.status === 'failed')
    expect(status.message).toBe('MODERATION_FAILED')
    expect(status.result_image_url).toBeNull()
  })

  it('ignores the extra fields the simulator adds', async () => {
    const { sim, client } = await setup()
    const created = await client.generate({ prompt: 'p' })
    const status = await client.status(created.task_uuid)
    expect(Object.keys(status).sort()).toEqual(['message', 'prompt', 'result_image_url', 'status', 'task_uuid'])
    const wire = sim.requests.at(-1)
    expect(wire?.responseStatus).toBe(200)
  })

  it('keeps an unknown status string instead of crashing', async () => {
    const { sim, client } = await setup({ pendingMs: 60_000 })
    const created = await client.generate({ prompt: 'p' })
    sim.forceStatus(created.task_uuid, 'queued_for_gpu')
    await expect(client.status(created.task_uuid)).resolves.toMatchObject({ status: 'queued_for_gpu', message: null })
  })

  it('verifies a key without spending: 404 valid, 401 invalid', async () => {
    const { sim, client } = await setup()
    await expect(client.verifyKey()).resolves.toBe('valid')
    const wrong = createRunblobClient({ baseUrl: sim.url, apiKey: () => 'wrong-key' })
    await expect(wrong.verifyKey()).resolves.toBe('invalid')
    expect(sim.tasks()).toHaveLength(0)
    expect(sim.requests.map((r) => r.responseStatus)).toEqual([404, 401])
  })
})

describe('what the client sends', () => {
  it('sends exactly the documented body: no aspect_ratio for auto', async () => {
    const { sim, client } = await setup()
    await client.generate({ prompt: 'auto please', aspect_ratio: 'auto' as ApiAspectRatio })
    await client.generate({
      prompt: 'landscape',
      aspect_ratio: '4:3',
      images: ['https://example.com/a.jpg'],
      callback_url: 'https://hooks.example/cb',
    })
    const [auto, landscape] = sim.requests
    expect(auto?.body).toEqual({ prompt: 'auto please' })
    expect(auto?.body).not.toHaveProperty('aspect_ratio')
    expect(landscape?.body).toEqual({
      prompt: 'landscape',
      aspect_ratio: '4:3',
      images: ['https://example.com/a.jpg'],
      callback_url: 'https://hooks.example/cb',
    })
    expect(auto?.headers).toMatchObject({
      authorization: `Bearer ${DEMO_API_KEY}`,
      accept: 'application/json',
      'content-type': 'application/json',
      'user-agent': 'Atelier/0.1.0',
    })
    expect(sim.tasks().map((task) => task.aspectRatio)).toEqual([null, '4:3'])
  })
})

describe('every documented error', () => {
  it.each([
    ['a prompt over 4000 characters', { prompt: 'x'.repeat(4001) }, 'prompt length'],
    [
      'five images',
      { prompt: 'p', images: Array.from({ length: 5 }, (_, i) => `https://example.com/${i}.jpg`) },
      'at most 4',
    ],
    [
      'a bad image format',
      { prompt: 'p', images: [`data:image/png;base64,${Buffer.from('not a png at all').toString('base64')}`] },
      'Invalid image format',
    ],
    ['a bad aspect ratio', { prompt: 'p', aspect_ratio: '16:9' as ApiAspectRatio }, 'aspect_ratio'],
  ])('400 INVALID_REQUEST for %s', async (_name, request, words) => {
    const { sim, client } = await setup()
    const error = await failure(client.generate(request))
    expect(error).toMatchObject({ kind: 'http', code: 'INVALID_REQUEST', status: 400 })
    expect(error.details.detail).toContain(words)
    expect(error.message).toContain(words)
    expect(sim.tasks()).toHaveLength(0)
  })

  it('401 UNAUTHORIZED for a bad key', async () => {
    const { sim } = await setup()
    const client = createRunblobClient({ baseUrl: sim.url, apiKey: () => 'not-the-key' })
    const error = await failure(client.generate({ prompt: 'p' }))
    expect(error).toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
      message: 'The API key was refused. Check it in Settings.',
    })
    expect(sim.tasks()).toHaveLength(0)
  })

  it('401 for a missing key: the server refuses it, and the client does not even send it', async () => {
    const { sim } = await setup()
    const raw = await fetch(`${sim.url}/v1/chatgpt-images/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'p' }),
    })
    expect(raw.status).toBe(401)
    expect(await raw.json()).toEqual({ detail: 'Invalid API key' })
    const client = createRunblobClient({ baseUrl: sim.url, apiKey: () => null })
    const error = await failure(client.generate({ prompt: 'p' }))
    expect(error.code).toBe('UNAUTHORIZED')
    expect(sim.requests).toHaveLength(1)
  })

  it('402 INSUFFICIENT_CREDITS when the credits run out mid-way', async () => {
    const { sim, client } = await setup({ credits: '0.12', price: '0.04' })
    for (let i = 0; i < 3; i++) await client.generate({ prompt: `task ${i}` })
    expect(sim.credits()).toBe('0.0000')
    const error = await failure(client.generate({ prompt: 'one too many' }))
    expect(error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', status: 402 })
    expect(error.details.providerCode).toBe('INSUFFICIENT_CREDITS')
    expect(error.message).toBe('Your runblob balance is too low. Top up your credits, then try again.')
    expect(error.toIpcError().code).toBe('INSUFFICIENT_CREDITS')
    expect(sim.tasks()).toHaveLength(3)
  })

  it('404 NOT_FOUND for an unknown task', async () => {
    const { client } = await setup()
    const error = await failure(client.status('dc62d83d-1953-4bca-8554-222679a7a4a9'))
    expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 })
    expect(error.details.detail).toBe('Task not found')
  })

  it('422 INVALID_REQUEST for malformed JSON, with the FastAPI list joined', async () => {
    const { sim } = await setup()
    const breakingFetch: typeof fetch = (input, init) => fetch(input, { ...init, body: '{"prompt": "unterminated' })
    const client = createRunblobClient({ baseUrl: sim.url, apiKey: () => DEMO_API_KEY, fetch: breakingFetch })
    const error = await failure(client.generate({ prompt: 'p' }))
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', status: 422 })
    expect(error.details.detail).toMatch(/JSON decode error/)
  })

  it('500 PROVIDER_ERROR carrying OPENAI_DECLINED', async () => {
    const { sim, client } = await setup({ faults: { errorRates: { 500: 1 } } })
    const error = await failure(client.generate({ prompt: 'p' }))
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', status: 500 })
    expect(error.details.providerCode).toBe('OPENAI_DECLINED')
    expect(error.message).toBe(
      'The provider declined this request (OPENAI_DECLINED). A refund is attempted automatically.',
    )
    expect(error.retryable).toBe(false)
    expect(sim.tasks()).toHaveLength(0)
  })

  it('503 MAINTENANCE with Retry-After', async () => {
    const { client } = await setup({
      faults: { maintenanceUntil: Date.now() + 60_000, maintenanceRetryAfterSeconds: 90 },
    })
    const error = await failure(client.status('any'))
    expect(error).toMatchObject({ code: 'MAINTENANCE', status: 503 })
    expect(error.details.retryAfterMs).toBe(90_000)
    expect(error.retryable).toBe(true)
  })
})

describe('what the docs do not promise but networks do', () => {
  it('429 RATE_LIMITED with and without Retry-After', async () => {
    const { sim, client } = await setup({ faults: { rateLimit: { rate: 1, retryAfterSeconds: 5 } } })
    const withHeader = await failure(client.generate({ prompt: 'p' }))
    expect(withHeader).toMatchObject({ code: 'RATE_LIMITED', status: 429 })
    expect(withHeader.details.retryAfterMs).toBe(5000)
    sim.setFaults({ rateLimit: { rate: 1, retryAfterSeconds: null } })
    const without = await failure(client.generate({ prompt: 'p' }))
    expect(without.code).toBe('RATE_LIMITED')
    expect(without.details.retryAfterMs).toBeNull()
    expect(sim.tasks()).toHaveLength(0)
  })

  it.each([502, 504])('%i with an HTML body is a SERVER_ERROR, not a crash', async (status) => {
    const { client } = await setup({ faults: { errorRates: { [status]: 1 } } })
    const error = await failure(client.status('any'))
    expect(error).toMatchObject({ kind: 'http', code: 'SERVER_ERROR', status })
    expect(error.details.detail).toBeNull()
    expect(error.retryable).toBe(true)
  })

  it('a 200 with an unexpected shape is a BAD_RESPONSE', async () => {
    const { client } = await setup({ faults: { unexpectedShapeRate: 1 } })
    expect((await failure(client.generate({ prompt: 'p' }))).code).toBe('BAD_RESPONSE')
    expect((await failure(client.status('any'))).code).toBe('BAD_RESPONSE')
  })
})
