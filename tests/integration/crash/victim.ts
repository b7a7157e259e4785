/**
 * The crash test's victim, run in a worker thread of the child process (child.ts),
 * as the app runs its core: opens the library, creates 30 tasks on its very first
 * run (only when the library is empty), runs the engine against the parent's
 * simulator, and prints a line per engine phase so the parent can SIGKILL it at
 * a chosen point. At the chosen phase it stalls briefly, so the kill lands there.
 *
 * Environment: CRASH_DATA_DIR, CRASH_SIM_URL, CRASH_TASKS, CRASH_TARGET (a phase
 * name, or "none").
 */
import { writeSync } from 'node:fs'
import { openLibrary } from '../../../electron/core/db'
import type { Logger } from '../../../electron/core/ports'
import { createRunblobClient } from '../../../electron/core/runblob/client'
import { createTaskEngine } from '../../../electron/core/generation'

const dataDir = process.env.CRASH_DATA_DIR ?? ''
const simUrl = process.env.CRASH_SIM_URL ?? ''
const taskCount = Number(process.env.CRASH_TASKS ?? '30')
const target = process.env.CRASH_TARGET ?? 'none'
if (!dataDir || !simUrl) throw new Error('CRASH_DATA_DIR and CRASH_SIM_URL are required')

const say = (line: string): void => {
  writeSync(1, `${line}\n`)
}

const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (obj, msg) => writeSync(2, `${JSON.stringify({ msg, ...obj })}\n`),
  child: () => logger,
}

/** Blocks the whole process for a moment: the parent's SIGKILL arrives while we are exactly here. */
function stall(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

const library = openLibrary({ dataDir, logger })
if (library.listGenerations({ limit: 1 }).items.length === 0) {
  const createdAt = new Date().toISOString()
  // One transaction: either all rows exist or none, so a kill here cannot half-create the batch.
  library.insertGenerations(
    Array.from({ length: taskCount }, (_, i) => ({
      id: `crash-${String(i).padStart(2, '0')}`,
      // Unique prompts let the parent count POSTs per row; every tenth is moderated.
      prompt: i % 10 === 7 ? `crash task ${i} forbidden` : `crash task ${i}`,
      aspectRatio: '1:1' as const,
      references: [],
      callbackUrl: null,
      createdAt,
    })),
  )
  say('CREATED')
}

let stalled = false
const client = createRunblobClient({ baseUrl: simUrl, apiKey: () => 'sim-key', timeoutMs: 10_000 })
const engine = createTaskEngine({
  library,
  getClient: () => client,
  clock: { now: () => Date.now() },
  logger,
  notifier: { notify: () => {} },
  onGenerationChanged: () => {},
  onStateChanged: (state) => say(`STATE ${state.state} ${state.reason ?? ''}`),
  referencePayload: async (reference) => reference.url ?? '',
  appVersion: '0.0.0-test',
  tuning: {
    firstPollDelayMs: 100,
    pollIntervalMs: 120,
    pollIntervalCapMs: 250,
    backoffBaseMs: 50,
    backoffCapMs: 500,
    maxConcurrentSubmits: 1,
    maxConcurrentDownloads: 1,
    downloadAttempts: 8,
    stopGraceMs: 200,
    notifyBatchMs: 50,
  },
  onPhase: (phase, id) => {
    say(`PHASE ${phase} ${id}`)
    if (phase === target && !stalled) {
      stalled = true
      stall(200)
    }
  },
})
engine.start()
say('READY')

const check = setInterval(() => {
  if (library.listUnfinished().length > 0) return
  clearInterval(check)
  void engine.stop().then(() => {
    library.close()
    say('DONE')
    // In a worker this ends the thread with code 0; child.ts then ends the process.
    process.exit(0)
  })
}, 50)
