/** The simulator as raw HTTP sees it: the rules a careless client would trip over. */
import { describe, expect, it } from 'vitest'
import { createSimulator, DEMO_API_KEY } from './server'
import type { Simulator } from './types'
import { simulatorPerTest } from '../../../tests/support/runblob'

const GENERATE = '/v1/chatgpt-images/generate'
const STATUS = '/v1/chatgpt-images/generations/'
const AUTH = { authorization: `Bearer ${DEMO_API_KEY}` }
const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' }

const start = simulatorPerTest({ pendingMs: 60, processingMs: 60, resultLongEdge: 64 })

async function call(
  sim: Simulator,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${sim.url}${path}`, init)
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // keep the text
  }
  return { status: response.status, body, headers: response.headers }
}

const post = (sim: Simulator, body: unknown, headers: Record<string, string> = JSON_AUTH) =>
  call(sim, GENERATE, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) })

async function waitFor<T>(probe: () => Promise<T | null>, what: string, limitMs = 5000): Promise<T> {
  const until = Date.now() + limitMs
  for (;;) {
    const value = await probe()
    if (value !== null) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('authentication', () => {
  it('401 without a header, with a wrong key, or with another scheme', async () => {
    const sim = await start()
    for (const headers of [
      { 'content-type': 'application/json' },
      { ...JSON_AUTH, authorization: 'Bearer nope' },
      { ...JSON_AUTH, authorization: `Basic ${DEMO_API_KEY}` },
    ]) {
      const reply = await post(sim, { prompt: 'p' }, headers)
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual({ detail: 'Invalid API key' })
    }
    expect(sim.tasks()).toHaveLength(0)
  })

  it('accepts the configured keys only', async () => {
    const sim = await start({ apiKeys: ['k1', 'k2'] })
    expect((await call(sim, `${STATUS}x`, { headers: { authorization: 'Bearer k2' } })).status).toBe(404)
    expect((await call(sim, `${STATUS}x`, { headers: AUTH })).status).toBe(401)
  })
})

describe('generate', () => {
  it('answers 201 with a uuid, pending and the price string, and charges exactly', async () => {
    const sim = await start({ credits: '1', price: '0.0123' })
    const reply = await post(sim, { prompt: 'a lighthouse' })
    expect(reply.status).toBe(201)
    expect(reply.body).toMatchObject({ status: 'pending', price: '0.0123' })
    expect((reply.body as { task_uuid: string }).task_uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(sim.credits()).toBe('0.9877')
  })

  it('422 for malformed JSON, an empty body, or a body that is not declared JSON', async () => {
    const sim = await start()
    for (const reply of [
      await post(sim, '{"prompt": '),
      await post(sim, ''),
      await post(sim, JSON.stringify({ prompt: 'p' }), { ...AUTH, 'content-type': 'text/plain' }),
    ]) {
      expect(reply.status).toBe(422)
      expect(Array.isArray((reply.body as { detail: unknown }).detail)).toBe(true)
    }
    expect(sim.tasks()).toHaveLength(0)
  })

  it('400 with the documented detail before any charge', async () => {
    const sim = await start({ credits: '0.0400' })
    expect((await post(sim, { prompt: 'p', images: ['not an image'] })).body).toEqual({
      detail: 'Validation error: images format invalid',
    })
    expect((await post(sim, { prompt: 'p', images: [Buffer.from('GIF89a....').toString('base64')] })).body).toEqual({
      detail: 'Invalid image format',
    })
    expect(sim.credits()).toBe('0.0400')
  })

  it('402 INSUFFICIENT_CREDITS once the balance is below the price', async () => {
    const sim = await start({ credits: '0.0500' })
    expect((await post(sim, { prompt: 'one' })).status).toBe(201)
    expect(await post(sim, { prompt: 'two' })).toMatchObject({ status: 402, body: { detail: 'INSUFFICIENT_CREDITS' } })
    sim.setCredits(null)
    expect((await post(sim, { prompt: 'three' })).status).toBe(201)
    expect(sim.tasks().map((task) => task.prompt)).toEqual(['one', 'three'])
  })

  it('405 for the wrong method, 404 for an unknown path, 413 for a huge body', async () => {
    const sim = await start({ maxBodyBytes: 1000 })
    expect((await call(sim, GENERATE, { headers: AUTH })).status).toBe(405)
    expect((await call(sim, '/v2/else', { headers: AUTH })).status).toBe(404)
    expect((await post(sim, { prompt: 'x'.repeat(2000) })).status).toBe(413)
  })
})

describe('status over time', () => {
  it('moves pending → processing → completed and serves the result without a key', async () => {
    const sim = await start({ pendingMs: 150, processingMs: 150 })
    const created = (await post(sim, { prompt: 'a boat', aspect_ratio: '4:3' })).body as { task_uuid: string }
    const seen = new Set<string>()
    const done = await waitFor(async () => {
      const reply = await call(sim, `${STATUS}${created.task_uuid}`, { headers: AUTH })
      const body = reply.body as { status: string; result_image_url: string | null; model?: string }
      seen.add(body.status)
      expect(body.model).toBe('gpt-image-1.5')
      return body.status === 'completed' ? body : null
    }, 'completion')
    expect([...seen]).toEqual(['pending', 'processing', 'completed'])
    expect(done.result_image_url).toBe(`${sim.url}/files/${created.task_uuid}.png`)
    const file = await fetch(done.result_image_url ?? '')
    expect(file.headers.get('content-type')).toBe('image/png')
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(100)
    expect((await fetch(done.result_image_url ?? '', { method: 'HEAD' })).status).toBe(200)
  })

  it('reveals moderation after the pending phase, and files 404 until completion', async () => {
    const sim = await start({ pendingMs: 150, processingMs: 5000 })
    const uuid = ((await post(sim, { prompt: 'something FORBIDDEN here' })).body as { task_uuid: string }).task_uuid
    expect(((await call(sim, `${STATUS}${uuid}`, { headers: AUTH })).body as { status: string }).status).toBe('pending')
    expect((await call(sim, `/files/${uuid}.png`)).status).toBe(404)
    const failed = await waitFor(async () => {
      const body = (await call(sim, `${STATUS}${uuid}`, { headers: AUTH })).body as {
        status: string
        message: string | null
      }
      return body.status === 'failed' ? body : null
    }, 'moderation')
    expect(failed.message).toBe('MODERATION_FAILED')
    expect(sim.tasks()[0]).toMatchObject({ status: 'failed', message: 'MODERATION_FAILED', resultImageUrl: null })
  })

  it('lets a test force any status, and failTask a failure', async () => {
    const sim = await start({ pendingMs: 10_000 })
    const uuid = ((await post(sim, { prompt: 'p' })).body as { task_uuid: string }).task_uuid
    sim.forceStatus(uuid, 'queued_for_gpu')
    expect((await call(sim, `${STATUS}${uuid}`, { headers: AUTH })).body).toMatchObject({
      status: 'queued_for_gpu',
      message: null,
    })
    sim.failTask(uuid, 'OPENAI_DECLINED')
    expect((await call(sim, `${STATUS}${uuid}`, { headers: AUTH })).body).toMatchObject({
      status: 'failed',
      message: 'OPENAI_DECLINED',
    })
    expect(() => sim.failTask('nope', 'X')).toThrow()
  })

  it('applies new timings to tasks created afterwards', async () => {
    const sim = await start({ pendingMs: 60_000 })
    sim.setTimings({ pendingMs: 0, processingMs: 0 })
    const uuid = ((await post(sim, { prompt: 'p' })).body as { task_uuid: string }).task_uuid
    expect(((await call(sim, `${STATUS}${uuid}`, { headers: AUTH })).body as { status: string }).status).toBe(
      'completed',
    )
  })
})

describe('the request log', () => {
  it('records method, path, lower-cased headers, parsed body and the answer', async () => {
    const sim = await start()
    await post(sim, { prompt: 'logged', extra: 1 })
    await call(sim, `${STATUS}missing`, { headers: AUTH })
    expect(sim.requests.map((r) => [r.method, r.path, r.responseStatus])).toEqual([
      ['POST', GENERATE, 201],
      ['GET', `${STATUS}missing`, 404],
    ])
    expect(sim.requests[0]?.body).toEqual({ prompt: 'logged', extra: 1 })
    expect(sim.requests[0]?.headers.authorization).toBe(`Bearer ${DEMO_API_KEY}`)
    sim.clearRequests()
    expect(sim.requests).toHaveLength(0)
  })

  it('keeps only the newest requests beyond its limit', async () => {
    const sim = await start({ maxRecordedRequests: 2 })
    for (const id of ['a', 'b', 'c']) await call(sim, `${STATUS}${id}`, { headers: AUTH })
    expect(sim.requests.map((r) => r.path)).toEqual([`${STATUS}b`, `${STATUS}c`])
  })
})

describe('faults', () => {
  it('rolls the same dice for the same seed', async () => {
    const outcomes = async (seed: number) => {
      const sim = await createSimulator({ seed, faults: { errorRates: { 500: 0.5 } } })
      const statuses: number[] = []
      for (let i = 0; i < 12; i++) statuses.push((await call(sim, `${STATUS}x`, { headers: AUTH })).status)
      await sim.close()
      return statuses
    }
    const first = await outcomes(7)
    expect(await outcomes(7)).toEqual(first)
    expect(first).toContain(500)
    expect(first).toContain(404)
  })

  it('sends HTML for 502 and 504, JSON for 500 and 503', async () => {
    const sim = await start()
    for (const status of [500, 502, 503, 504]) {
      sim.setFaults({ errorRates: { [status]: 1 } })
      const reply = await call(sim, `${STATUS}x`, { headers: AUTH })
      expect(reply.status).toBe(status)
      if (status === 502 || status === 504) expect(String(reply.body)).toContain('<html>')
      else expect(reply.body).toHaveProperty('detail')
    }
  })

  it('answers 503 with Retry-After during a maintenance window, then recovers', async () => {
    const sim = await start({ faults: { maintenanceUntil: Date.now() + 60_000, maintenanceRetryAfterSeconds: 120 } })
    const reply = await call(sim, `${STATUS}x`, { headers: AUTH })
    expect(reply.status).toBe(503)
    expect(reply.headers.get('retry-after')).toBe('120')
    sim.setFaults({ maintenanceUntil: null })
    expect((await call(sim, `${STATUS}x`, { headers: AUTH })).status).toBe(404)
  })

  it('drops a connection without an answer and records status 0', async () => {
    const sim = await start({ faults: { resetRate: 1 } })
    await expect(fetch(`${sim.url}${STATUS}x`, { headers: AUTH })).rejects.toThrow()
    expect(sim.requests[0]?.responseStatus).toBe(0)
  })

  it('closes quickly even with keep-alive connections open', async () => {
    const sim = await createSimulator()
    await call(sim, `${STATUS}x`, { headers: AUTH })
    await sim.close()
    await expect(fetch(`${sim.url}${STATUS}x`, { headers: AUTH })).rejects.toThrow()
  })
})
