/**
 * Failures with no (complete) answer, and downloads that go wrong: the client
 * and the simulator's fault knobs over real HTTP on 127.0.0.1.
 */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { createRunblobClient } from '../../electron/core/runblob/client'
import type { RunblobClient } from '../../electron/core/runblob/types'
import { DEMO_API_KEY } from '../../electron/core/simulator'
import type { Simulator, SimulatorOptions } from '../../electron/core/simulator/types'
import { failure, simulatorPerTest } from '../support/runblob'

const startSimulator = simulatorPerTest({ pendingMs: 50, processingMs: 50, resultLongEdge: 96 })

async function setup(
  options: SimulatorOptions = {},
  timeoutMs?: number,
): Promise<{ sim: Simulator; client: RunblobClient }> {
  const simulator = await startSimulator(options)
  const client = createRunblobClient({
    baseUrl: simulator.url,
    apiKey: () => DEMO_API_KEY,
    ...(timeoutMs ? { timeoutMs } : {}),
  })
  return { sim: simulator, client }
}

async function completedUrl(client: RunblobClient, taskUuid: string, limitMs = 5000): Promise<string> {
  const until = Date.now() + limitMs
  for (;;) {
    const status = await client.status(taskUuid)
    if (status.status === 'completed' && status.result_image_url) return status.result_image_url
    if (Date.now() > until) throw new Error(`task stuck in ${status.status}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Reads a download as far as it goes: the bytes received, and whether the stream broke. */
async function readAsFarAsPossible(
  url: string,
): Promise<{ status: number; declared: number; bytes: Buffer; broke: boolean }> {
  const response = await fetch(url)
  const declared = Number(response.headers.get('content-length'))
  const chunks: Uint8Array[] = []
  let broke = false
  try {
    const reader = response.body?.getReader()
    for (;;) {
      const chunk = await reader?.read()
      if (!chunk || chunk.done) break
      chunks.push(chunk.value)
    }
  } catch {
    broke = true
  }
  return { status: response.status, declared, bytes: Buffer.concat(chunks), broke }
}

const decodes = (bytes: Buffer): Promise<boolean> =>
  sharp(bytes)
    .raw()
    .toBuffer()
    .then(() => true)
    .catch(() => false)

describe('no answer', () => {
  it('a reset connection is NETWORK, and no task was created', async () => {
    const { sim, client } = await setup({ faults: { resetRate: 1 } })
    const error = await failure(client.generate({ prompt: 'p' }))
    expect(error).toMatchObject({ kind: 'network', code: 'NETWORK' })
    expect(error.outcomeUnknown).toBe(true)
    expect(error.retryable).toBe(true)
    expect(sim.tasks()).toHaveLength(0)
  })

  it('a reset after creation is NETWORK too, but the task exists and was charged', async () => {
    const { sim, client } = await setup({ credits: '1.00', price: '0.25', faults: { resetAfterCreateRate: 1 } })
    const error = await failure(client.generate({ prompt: 'charged in the dark' }))
    expect(error.code).toBe('NETWORK')
    expect(error.outcomeUnknown).toBe(true)
    expect(sim.tasks()).toEqual([expect.objectContaining({ prompt: 'charged in the dark', price: '0.25' })])
    expect(sim.credits()).toBe('0.7500')
    expect(sim.requests[0]?.responseStatus).toBe(0)
  })

  it('a refused connection is NETWORK', async () => {
    const { sim } = await setup()
    const url = sim.url
    await sim.close()
    const client = createRunblobClient({ baseUrl: url, apiKey: () => DEMO_API_KEY })
    const error = await failure(client.status('any'))
    expect(error.code).toBe('NETWORK')
    expect(error.message).toContain('refused')
    // The task engine tells "never sent" from "maybe charged" by this code in the cause chain.
    expect(error.cause).toMatchObject({ cause: { code: 'ECONNREFUSED' } })
  })

  it('a server slower than the timeout is TIMEOUT; the POST may still have created the task', async () => {
    const { sim, client } = await setup({ faults: { latencyMs: 400 } }, 100)
    const error = await failure(client.generate({ prompt: 'slow' }))
    expect(error).toMatchObject({ kind: 'timeout', code: 'TIMEOUT' })
    expect(error.outcomeUnknown).toBe(true)
    const until = Date.now() + 5000
    while (sim.tasks().length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(sim.tasks()).toHaveLength(1)
  })

  it('a per-request timeout overrides the default', async () => {
    const { client } = await setup({ faults: { latencyMs: 300 } })
    expect((await failure(client.status('any', { timeoutMs: 50 }))).code).toBe('TIMEOUT')
  })

  it("the caller's abort is ABORTED, before or during the request", async () => {
    const { client } = await setup({ faults: { latencyMs: 300 } })
    const during = new AbortController()
    const pending = client.status('any', { signal: during.signal })
    setTimeout(() => during.abort(), 30)
    expect(await failure(pending)).toMatchObject({ kind: 'aborted', code: 'ABORTED' })
    expect((await failure(client.status('any', { signal: AbortSignal.abort() }))).code).toBe('ABORTED')
  })
})

describe('downloads', () => {
  it('a truncated download breaks off short of its Content-Length and does not decode', async () => {
    const { client, sim } = await setup()
    const url = await completedUrl(client, (await client.generate({ prompt: 'cut short' })).task_uuid)
    sim.setFaults({ truncateDownloadRate: 1 })
    const download = await readAsFarAsPossible(url)
    expect(download.status).toBe(200)
    expect(download.broke).toBe(true)
    expect(download.bytes.length).toBeLessThan(download.declared)
    expect(await decodes(download.bytes)).toBe(false)
  })

  it('a corrupt download is a 200 image/png that sharp cannot decode', async () => {
    const { client, sim } = await setup()
    const url = await completedUrl(client, (await client.generate({ prompt: 'garbage' })).task_uuid)
    sim.setFaults({ corruptDownloadRate: 1 })
    const response = await fetch(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(await decodes(Buffer.from(await response.arrayBuffer()))).toBe(false)
  })

  it('a healthy download decodes, and an expired result URL answers 410', async () => {
    const { client, sim } = await setup()
    const url = await completedUrl(client, (await client.generate({ prompt: 'short-lived' })).task_uuid)
    const healthy = await readAsFarAsPossible(url)
    expect(healthy.broke).toBe(false)
    expect(healthy.bytes.length).toBe(healthy.declared)
    expect(await decodes(healthy.bytes)).toBe(true)
    sim.setFaults({ resultUrlTtlMs: 0 })
    const until = Date.now() + 5000
    let status = 200
    while (status === 200 && Date.now() < until) status = (await fetch(url)).status
    expect([404, 410]).toContain(status)
  })

  it('an unknown result file is 404', async () => {
    const { sim } = await setup()
    expect((await fetch(`${sim.url}/files/00000000-0000-4000-8000-000000000000.png`)).status).toBe(404)
  })
})
