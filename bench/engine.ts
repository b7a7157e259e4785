/**
 * Task engine benchmark: 200 tasks in flight against the simulator, with the
 * real client, library and sharp. The simulator runs in its own process, so the
 * CPU measured here is the core's (engine + library + downloads/thumbnails).
 *
 *   npx tsx bench/engine.ts
 *
 * Time is compressed ×5 (SCALE 0.2): a task takes 90 "provider seconds"
 * (30 s pending + 60 s processing, inside the documented 1–3 minutes) and the
 * engine runs with its default tuning scaled the same way, so polls per task
 * per minute are exactly what the default tuning does in real time. CPU is
 * reported per real minute of this compressed run and per simulated minute (an
 * estimate of the real-time cost: the same work spread over 5× the time).
 *
 * Targets: renderer events ≤ 20/s after coalescing; status requests per task
 * per minute reported (the default tuning aims for about 6).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Generation } from '../shared/domain'
import { openLibrary } from '../electron/core/db'
import type { Logger } from '../electron/core/ports'
import { createRunblobClient } from '../electron/core/runblob/client'
import { createSimulator, DEMO_API_KEY } from '../electron/core/simulator'
import { createCoalescer, createTaskEngine, DEFAULT_TUNING, type EngineTuning } from '../electron/core/generation'

const TASKS = 200
const SCALE = 0.2
const PENDING_MS = 30_000
const PROCESSING_MS = 60_000
const COALESCE_MS = 100
const EVENTS_TARGET_PER_S = 20

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent }
const thisFile = fileURLToPath(import.meta.url)
const repoRoot = path.resolve(path.dirname(thisFile), '..')

/** The default tuning with every duration scaled; counts and limits unchanged. */
function scaledTuning(): Partial<EngineTuning> {
  const t = DEFAULT_TUNING
  const s = (ms: number): number => Math.round(ms * SCALE)
  return {
    firstPollDelayMs: s(t.firstPollDelayMs),
    pollIntervalMs: s(t.pollIntervalMs),
    pollIntervalCapMs: s(t.pollIntervalCapMs),
    stalledAfterMs: s(t.stalledAfterMs),
    stalledPollIntervalMs: s(t.stalledPollIntervalMs),
    backoffBaseMs: s(t.backoffBaseMs),
    backoffCapMs: s(t.backoffCapMs),
    notifyBatchMs: s(t.notifyBatchMs),
  }
}

/** Runs the simulator in a child process and returns its URL. */
async function startSimulatorProcess(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', thisFile, '--simulator'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout })
    lines.once('line', (line) => resolve(line.trim()))
    child.once('exit', (code) => reject(new Error(`simulator process exited (${code})`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

async function simulatorMain(): Promise<void> {
  const sim = await createSimulator({
    pendingMs: PENDING_MS * SCALE,
    processingMs: PROCESSING_MS * SCALE,
    resultLongEdge: 1024,
    faults: { latencyMs: 20 },
    maxRecordedRequests: 10,
  })
  process.stdout.write(`${sim.url}\n`)
  process.on('SIGTERM', () => {
    void sim.close().then(() => process.exit(0))
  })
}

export async function runEngineBench(): Promise<string[]> {
  const sim = await startSimulatorProcess()
  const dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'atelier-engine-bench-'))
  const library = openLibrary({ dataDir, logger: silent })
  let statusRequests = 0
  const countingFetch: typeof fetch = (input, init) => {
    if ((init?.method ?? 'GET') === 'GET') statusRequests += 1
    return fetch(input, init)
  }
  const client = createRunblobClient({ baseUrl: sim.url, apiKey: () => DEMO_API_KEY, fetch: countingFetch })

  let rawEvents = 0
  /** When each task left polling (its result was ready), to count polls only over polled time. */
  const readyAt = new Map<string, number>()
  const flushTimes: number[] = []
  const coalescer = createCoalescer<Generation>(() => flushTimes.push(Date.now()), {
    intervalMs: COALESCE_MS,
    key: (g) => g.id,
  })
  const engine = createTaskEngine({
    library,
    getClient: () => client,
    clock: { now: () => Date.now() },
    logger: silent,
    notifier: { notify: () => {} },
    onGenerationChanged: (generation) => {
      rawEvents += 1
      if (generation.status === 'downloading' && !readyAt.has(generation.id)) readyAt.set(generation.id, Date.now())
      coalescer.push(generation)
    },
    onStateChanged: () => {},
    referencePayload: async (reference) => reference.url ?? '',
    tuning: scaledTuning(),
  })

  try {
    engine.start()
    const cpuStart = process.cpuUsage()
    const started = Date.now()
    const ids: string[] = []
    for (let made = 0; made < TASKS; made += 4) {
      const batch = engine.create({ prompt: `bench task ${made}`, aspectRatio: '1:1', references: [], variations: 4, callbackUrl: null })
      ids.push(...batch.map((g) => g.id))
    }
    const deadline = started + 10 * 60_000
    for (;;) {
      const unfinished = library.listUnfinished().length
      if (unfinished === 0) break
      if (Date.now() > deadline) throw new Error(`bench: ${unfinished} tasks still unfinished after 10 minutes`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const elapsedMs = Date.now() - started
    const cpu = process.cpuUsage(cpuStart)
    coalescer.flushNow()

    const rows = ids.map((id) => library.getGeneration(id)).filter((g): g is Generation => g !== null)
    const completed = rows.filter((g) => g.status === 'completed').length
    // Task-minutes being polled, in provider time: from the POST's answer until the result was ready.
    const polledMs = rows.reduce((sum, g) => {
      const ready = readyAt.get(g.id)
      if (!g.submittedAt || ready === undefined) return sum
      return sum + (ready - Date.parse(g.submittedAt)) / SCALE
    }, 0)
    const taskMinutes = polledMs / 60_000
    const realMinutes = elapsedMs / 60_000
    const cpuMs = (cpu.user + cpu.system) / 1000

    const perSecond = new Map<number, number>()
    for (const at of flushTimes) perSecond.set(Math.floor((at - started) / 1000), (perSecond.get(Math.floor((at - started) / 1000)) ?? 0) + 1)
    const busiestSecond = Math.max(0, ...perSecond.values())
    const meanPerSecond = flushTimes.length / (elapsedMs / 1000)

    return [
      `engine bench: ${TASKS} tasks, ${completed} completed, time ×${1 / SCALE} compressed (a task = ${(PENDING_MS + PROCESSING_MS) / 1000} provider seconds), run ${(elapsedMs / 1000).toFixed(1)} s real`,
      `  status requests per task per minute: ${(statusRequests / taskMinutes).toFixed(2)} (${statusRequests} requests over ${taskMinutes.toFixed(0)} task-minutes of polling, provider time; default tuning)`,
      `  core CPU: ${(cpuMs / realMinutes / 1000).toFixed(1)} s per real minute of this ×${1 / SCALE} run; ≈ ${(cpuMs / (realMinutes / SCALE) / 1000).toFixed(2)} s per minute at real speed (${(cpuMs / TASKS).toFixed(0)} ms per task, downloads and thumbnails included)`,
      `  renderer events after coalescing (${COALESCE_MS} ms): busiest second ${busiestSecond}/s, mean ${meanPerSecond.toFixed(1)}/s (target ≤ ${EVENTS_TARGET_PER_S}/s) ${busiestSecond <= EVENTS_TARGET_PER_S ? 'OK' : 'OVER TARGET'}; ${rawEvents} ledger changes before coalescing`,
    ]
  } finally {
    await engine.stop()
    coalescer.dispose()
    library.close()
    sim.stop()
    await fs.promises.rm(dataDir, { recursive: true, force: true })
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
if (invokedDirectly) {
  if (process.argv.includes('--simulator')) {
    await simulatorMain()
  } else {
    for (const line of await runEngineBench()) console.log(line)
  }
}
