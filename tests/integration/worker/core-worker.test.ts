/**
 * The core in a worker thread, through the main-thread face the app uses
 * (startCoreWorker): real worker, real SQLite, real engine against the
 * simulator over HTTP. A worker killed in the middle of writes is reported
 * and restarted on the same library; every write it acknowledged is there
 * afterwards, nothing in flight is left hanging, and the engine finishes the work.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventName } from '../../../shared/contract'
import type { Generation } from '../../../shared/domain'
import type { Core } from '../../../electron/core/createCore'
import { createSimulator, type Simulator } from '../../../electron/core/simulator'
import { startCoreWorker } from '../../../electron/core/worker'
import { FAST_SIMULATOR, FAST_TUNING, makeTempDir, recordingLogger, removeTempDirs, waitUntil } from '../engine-harness'
import { CRASH_CHANNEL } from './crashChannel'

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crashingEntry.ts')
const cipher = { isAvailable: async () => false, encrypt: async () => new Uint8Array(), decrypt: async () => '' }

const SUBMIT_CONCURRENCY = 2

let core: Core | null = null
let sim: Simulator | null = null
afterEach(async () => {
  await core?.stop()
  await sim?.close()
  core = null
  sim = null
  await removeTempDirs()
})

async function startWorkerCore(dataDir: string) {
  sim = await createSimulator(FAST_SIMULATOR)
  const events: Array<{ name: EventName; payload: unknown }> = []
  const logger = recordingLogger()
  core = await startCoreWorker(
    {
      dataDir,
      logger,
      cipher,
      events: { emit: (name, payload) => void events.push({ name, payload }) },
      notifier: { notify: () => {} },
      appVersion: '0.0.0-test',
      platform: 'linux',
      transport: 'browser',
      env: { apiBaseUrl: sim.url, apiKey: 'sim-key' },
    },
    {
      entry,
      engineTuning: { ...FAST_TUNING, maxConcurrentSubmits: SUBMIT_CONCURRENCY },
      resourceLimits: { maxOldGenerationSizeMb: 192 },
    },
  )
  await core.start()
  return { core, events, logger }
}

const create = (target: Core, i: number) =>
  target.router.dispatch('generation.create', {
    prompt: `worker write ${i}`,
    aspectRatio: '1:1',
    referenceIds: [],
    variations: 1,
    callbackUrl: null,
  })

describe('the core in a worker thread', () => {
  it('answers commands, forwards events and logs, keeps info current and resolves media paths on this thread', async () => {
    const dataDir = await makeTempDir('atelier-worker-')
    const { core, events, logger } = await startWorkerCore(dataDir)
    expect(core.info()).toMatchObject({ mode: 'live', transport: 'browser', dataDir, apiBaseUrl: sim!.url })
    expect(await core.router.dispatch('app.info', {})).toMatchObject({ ok: true, data: { mode: 'live' } })
    expect(await core.router.dispatch('generation.list', { limit: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })

    const created = await create(core, 0)
    expect(created.ok).toBe(true)
    const id = (created as { ok: true; data: { generations: Generation[] } }).data.generations[0]!.id
    await waitUntil('the generation completes', () =>
      events.some(
        (e) =>
          e.name === 'generation.updated' &&
          (e.payload as { items: Generation[] }).items.some((g) => g.id === id && g.status === 'completed'),
      ),
    )
    expect(logger.entries.some((entry) => entry.msg === 'core started')).toBe(true)

    // Settings are the worker's own file, in the folder it was given.
    expect(await core.router.dispatch('settings.update', { theme: 'dark' })).toMatchObject({ ok: true })
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({
      settings: { theme: 'dark' },
    })

    expect(core.resolveMediaPath('images/x.png')).toBe(path.join(dataDir, 'images', 'x.png'))
    expect(() => core.resolveMediaPath('../secret.txt')).toThrow(/outside the library/)
  })

  it('refuses to start on a library another process uses, with the reason', async () => {
    const dataDir = await makeTempDir('atelier-worker-')
    fs.writeFileSync(path.join(dataDir, 'atelier.lock'), String(process.ppid))
    await expect(
      startCoreWorker(
        {
          dataDir,
          logger: recordingLogger(),
          cipher,
          events: { emit: () => {} },
          notifier: { notify: () => {} },
          appVersion: '0.0.0-test',
          platform: 'linux',
          transport: 'browser',
        },
        { entry },
      ),
    ).rejects.toThrow(/already using the library/)
  })

  for (const how of ['exit', 'throw', 'oom'] as const) {
    it(
      `a worker that dies (${how}) mid-writes is restarted: every acknowledged write is kept, nothing hangs, the engine finishes`,
      { timeout: 60_000 },
      async () => {
        const dataDir = await makeTempDir('atelier-worker-')
        const { core, events, logger } = await startWorkerCore(dataDir)

        // Writes keep coming while the worker dies: some acknowledged before, some in flight, some after.
        const replies: Array<Promise<Awaited<ReturnType<typeof create>>>> = []
        for (let i = 0; i < 40; i++) {
          replies.push(create(core, i))
          if (i === 15) new BroadcastChannel(CRASH_CHANNEL).postMessage(how)
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
        const answers = await Promise.all(replies)
        await waitUntil('the restart is reported', () => events.some((e) => e.name === 'app.coreRestarted'), 30_000)
        expect(events.find((e) => e.name === 'app.coreRestarted')?.payload).toMatchObject({ restarted: true })
        expect(
          logger.entries.some(
            (entry) => entry.level === 'error' && entry.msg === 'the core worker stopped unexpectedly',
          ),
        ).toBe(true)

        const acknowledged = answers.flatMap((answer) =>
          answer.ok ? (answer.data as { generations: Generation[] }).generations : [],
        )
        const refused = answers.filter((answer) => !answer.ok)
        expect(acknowledged.length).toBeGreaterThanOrEqual(16)
        for (const answer of refused) expect(answer).toMatchObject({ ok: false, error: { code: 'CORE_RESTARTED' } })

        // After the restart: every acknowledged write is in the library, and the engine finishes each one.
        const statusOf = async (id: string) => {
          const got = await core.router.dispatch('generation.get', { id })
          return got.ok ? (got.data as Generation).status : `missing (${got.error.code})`
        }
        for (const generation of acknowledged) expect(await statusOf(generation.id)).not.toMatch(/missing/)
        // A row caught between its intent and the provider's answer becomes `unknown` (never sent twice); all others complete.
        const statuses = new Map<string, string>()
        await waitUntil(
          'every acknowledged generation is final after the restart',
          () => {
            for (const generation of acknowledged)
              void statusOf(generation.id).then((status) => statuses.set(generation.id, status))
            return (
              statuses.size === acknowledged.length &&
              [...statuses.values()].every((status) => status === 'completed' || status === 'unknown')
            )
          },
          40_000,
        ).catch((error: Error) => {
          throw new Error(`${error.message}: ${JSON.stringify(Object.fromEntries(statuses))}`)
        })
        // Only the submissions running at the moment of death (at most the engine's submit concurrency).
        const unknown = [...statuses.values()].filter((status) => status === 'unknown')
        expect(unknown.length).toBeLessThanOrEqual(SUBMIT_CONCURRENCY)
        expect(await create(core, 99)).toMatchObject({ ok: true })
      },
    )
  }
})
