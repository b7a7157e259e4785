/**
 * The task engine's integration harness: a real simulator on 127.0.0.1, the real
 * runblob client, the real SQLite library in a temp folder, real sharp. Timings
 * are shrunk (tasks take a few hundred ms) so the fault matrix runs quickly.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach } from 'vitest'
import {
  isFinalStatus,
  MAX_VARIATIONS,
  type EngineState,
  type Generation,
  type ReferenceInfo,
} from '../../shared/domain'
import { openLibrary, type SqliteLibraryApi } from '../../electron/core/db'
import type { Library } from '../../electron/core/db/types'
import { createRunblobClient } from '../../electron/core/runblob/client'
import type { RunblobClient } from '../../electron/core/runblob/types'
import { createSimulator, DEMO_API_KEY, type Simulator, type SimulatorOptions } from '../../electron/core/simulator'
import { readRecipe } from '../../electron/core/recipe'
import { createTaskEngine, type EngineTuning, type TaskEngine } from '../../electron/core/generation'
import { makeTempDir as makeLibraryTempDir, recordingLogger, removeTempDirs, type LogEntry } from './library-fixtures'

export { recordingLogger, removeTempDirs, type LogEntry }

export const FAST_TUNING: Partial<EngineTuning> = {
  firstPollDelayMs: 60,
  pollIntervalMs: 80,
  pollIntervalCapMs: 200,
  stalledAfterMs: 60_000,
  stalledPollIntervalMs: 500,
  backoffBaseMs: 40,
  backoffCapMs: 400,
  downloadAttempts: 4,
  requestTimeoutMs: 5_000,
  downloadTimeoutMs: 5_000,
  offlineAfterFailures: 3,
  stopGraceMs: 500,
  notifyBatchMs: 30,
}

export const FAST_SIMULATOR: SimulatorOptions = {
  pendingMs: 200,
  processingMs: 200,
  resultLongEdge: 192,
  maxRecordedRequests: 100_000,
}

export interface HarnessOptions {
  simulator?: SimulatorOptions
  tuning?: Partial<EngineTuning>
  /** The key the client sends; null = no key configured. */
  apiKey?: string | null
  /** Wraps the real library, e.g. to make some writes fail like a full disk. */
  wrapLibrary?: (library: SqliteLibraryApi) => Library
  /** Start the engine right away (default true). */
  start?: boolean
  /** What is sent for a reference (default: its URL). */
  referencePayload?: (reference: ReferenceInfo, dataDir: string) => Promise<string>
}

export interface Harness {
  sim: Simulator
  library: SqliteLibraryApi
  engine: TaskEngine
  dataDir: string
  /** Every onGenerationChanged, in order. */
  changes: Generation[]
  states: EngineState[]
  notifications: Array<{ title: string; body: string }>
  logs: LogEntry[]
  setApiKey(key: string | null): void
  create(count: number, prompt?: string): Generation[]
  row(id: string): Generation
  waitFor(what: string, predicate: () => boolean, timeoutMs?: number): Promise<void>
  /** Waits until every given row is in a final status; returns them. */
  settle(ids: string[], timeoutMs?: number): Promise<Generation[]>
  posts(): number
  close(): Promise<void>
}

/** Temp folders are the library fixtures' (one list, removed by removeTempDirs); the engine's are named so. */
export function makeTempDir(prefix = 'atelier-engine-'): Promise<string> {
  return makeLibraryTempDir(prefix)
}

export async function waitUntil(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 15))
  }
}

/** What every harness closed in this file saw, for the summary line a fault-matrix file prints. */
const tally = { scenarios: 0, tasks: 0, posts: 0, rows: 0, final: new Map<string, number>() }

/** One line: how many scenarios, provider tasks, POSTs and ledger rows this file's harnesses saw. */
export function summaryLine(label: string): string {
  const statuses = [...tally.final].map(([status, n]) => `${n} ${status}`).join(', ')
  return `${label}: ${tally.scenarios} scenarios, ${tally.tasks} tasks, ${tally.posts} POSTs, ${tally.rows} rows (${statuses})`
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = await makeTempDir()
  const sim = await createSimulator({ ...FAST_SIMULATOR, ...options.simulator })
  const logs: LogEntry[] = []
  const logger = recordingLogger(logs)
  const library = openLibrary({ dataDir, logger })
  let apiKey: string | null = options.apiKey === undefined ? DEMO_API_KEY : options.apiKey
  const client: RunblobClient = createRunblobClient({ baseUrl: sim.url, apiKey: () => apiKey, timeoutMs: 5_000 })
  const changes: Generation[] = []
  const states: EngineState[] = []
  const notifications: Array<{ title: string; body: string }> = []
  const engine = createTaskEngine({
    library: options.wrapLibrary ? options.wrapLibrary(library) : library,
    getClient: () => (apiKey === null ? null : client),
    clock: { now: () => Date.now() },
    logger,
    notifier: { notify: (title, body) => notifications.push({ title, body }) },
    onGenerationChanged: (generation) => changes.push(generation),
    onStateChanged: (state) => states.push(state),
    referencePayload: async (reference) =>
      options.referencePayload ? options.referencePayload(reference, dataDir) : (reference.url ?? ''),
    appVersion: '0.0.0-test',
    tuning: { ...FAST_TUNING, ...options.tuning },
  })
  if (options.start !== false) engine.start()

  const row = (id: string): Generation => {
    const found = library.getGeneration(id)
    if (!found) throw new Error(`no row ${id}`)
    return found
  }

  return {
    sim,
    library,
    engine,
    dataDir,
    changes,
    states,
    notifications,
    logs,
    setApiKey(key) {
      apiKey = key
    },
    create(count, prompt = 'a lighthouse at dusk') {
      // One create() makes at most MAX_VARIATIONS rows (one batch); larger counts become several batches.
      const made: Generation[] = []
      for (let left = count; left > 0; left -= MAX_VARIATIONS) {
        const variations = Math.min(left, MAX_VARIATIONS)
        made.push(...engine.create({ prompt, aspectRatio: '1:1', references: [], variations, callbackUrl: null }))
      }
      return made
    },
    row,
    waitFor: waitUntil,
    async settle(ids, timeoutMs = 20_000) {
      await waitUntil(`${ids.length} rows to finish`, () => ids.every((id) => isFinalStatus(row(id).status)), timeoutMs)
      return ids.map(row)
    },
    posts: () => sim.requests.filter((r) => r.method === 'POST').length,
    async close() {
      await engine.stop()
      const rows = library.listGenerations({ limit: 500 }).items
      tally.scenarios += 1
      tally.tasks += sim.tasks().length
      tally.posts += sim.requests.filter((r) => r.method === 'POST').length
      tally.rows += rows.length
      for (const r of rows) tally.final.set(r.status, (tally.final.get(r.status) ?? 0) + 1)
      library.close()
      await sim.close()
    },
  }
}

/**
 * For a test file whose tests each open one harness: registers the afterEach that
 * closes it and removes the temp folders and, given a label, the afterAll that
 * prints the file's summary line. Returns what a test calls instead of createHarness.
 */
export function harnessPerTest(summaryLabel?: string): (options?: HarnessOptions) => Promise<Harness> {
  let current: Harness | null = null
  afterEach(async () => {
    await current?.close()
    current = null
    await removeTempDirs()
  })
  if (summaryLabel !== undefined) {
    afterAll(() => {
      console.log(summaryLine(summaryLabel))
    })
  }
  return async (options) => (current = await createHarness(options))
}

/** The image and thumbnail of a completed row are on disk, whole, and match what the row says. */
export async function expectWholeResult(dataDir: string, generation: Generation): Promise<void> {
  const image = generation.image
  if (!image) throw new Error(`row ${generation.id} has no image`)
  const bytes = await fs.promises.readFile(path.join(dataDir, image.path))
  const sha = createHash('sha256').update(bytes).digest('hex')
  if (sha !== image.sha256) throw new Error(`sha256 mismatch for ${image.path}`)
  if (bytes.byteLength !== image.bytes) throw new Error(`size mismatch for ${image.path}`)
  // The file carries its recipe (docs/recipe.md), and it agrees with the row.
  const recipe = readRecipe(bytes)
  if (!recipe) throw new Error(`${image.path} carries no recipe`)
  for (const field of ['generationId', 'prompt', 'taskUuid', 'price', 'createdAt', 'finishedAt'] as const) {
    const expected = field === 'generationId' ? generation.id : generation[field]
    if (recipe[field] !== expected) {
      throw new Error(`recipe of ${image.path}: ${field} is ${String(recipe[field])}, the row says ${String(expected)}`)
    }
  }
  const stats = await sharp(bytes, { failOn: 'error' }).stats()
  if (stats.channels.length < 3) throw new Error(`${image.path} decodes oddly`)
  const meta = await sharp(bytes).metadata()
  if (meta.width !== image.width || meta.height !== image.height)
    throw new Error(`pixel size mismatch for ${image.path}`)
  const thumb = await sharp(path.join(dataDir, image.thumbPath), { failOn: 'error' }).metadata()
  if (thumb.format !== 'webp') throw new Error(`thumbnail of ${generation.id} is not WebP`)
  if (Math.max(thumb.width ?? 0, thumb.height ?? 0) > 512) throw new Error('thumbnail too large')
}

export async function tmpLeftovers(dataDir: string): Promise<string[]> {
  try {
    return await fs.promises.readdir(path.join(dataDir, 'tmp'))
  } catch {
    return []
  }
}
