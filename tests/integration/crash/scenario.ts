/**
 * The crash scenario, shared by the crash test (one round in CI) and the soak
 * (`npm run soak -- --kills N`, as many rounds as it takes). A child process runs
 * the real engine (real client, real SQLite, real sharp) against a simulator in
 * this process, and is SIGKILLed over and over — at chosen phases (during the
 * POST, right after the reply, while polling, mid-download, mid-thumbnail,
 * between rename and row update) and at random moments — then allowed to finish.
 * What must hold afterwards (`violations` lists whatever does not; `coverageGaps`
 * says where a round killed too little to prove it):
 *
 * - every row ends completed (a whole, decodable image + thumbnail), failed with
 *   the provider's code, or unknown (only where a kill hit the POST window);
 * - no uuid the simulator issued is lost, except where the kill hit between the
 *   simulator creating the task and the uuid reaching the disk: that row is then
 *   `unknown` ("may have been charged"), never silently re-sent;
 * - no row was POSTed twice (prompts are unique, so POSTs are counted per row);
 * - SQLite's integrity check passes; tmp/ is empty; no orphan files.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { DatabaseSync } from 'node:sqlite'
import { fileURLToPath } from 'node:url'
import { openLibrary } from '../../../electron/core/db'
import { createSimulator } from '../../../electron/core/simulator'
import { expectWholeResult, recordingLogger } from '../engine-harness'

const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '../../..')
const childScript = path.join(here, 'child.ts')

export const ROUND_TASKS = 30
export const ROUND_KILLS = 24

/** Where to kill, in rotation; a target is skipped when no work is left that could reach it. */
const TARGETS = [
  'submit:request-sent',
  'submit:reply-received',
  'poll:request',
  'download:streaming',
  'submit:intent-written',
  'download:thumbnail',
  'random',
  'submit:uuid-written',
  'poll:completed',
  'download:renamed',
  'submit:request-sent',
  'download:start',
  'download:verified',
  'random',
  'submit:reply-received',
  'download:row-written',
]

/** Each round must have killed during each of these at least once. */
const PHASES_THAT_MUST_BE_HIT = [
  'submit:request-sent',
  'submit:reply-received',
  'poll:request',
  'download:streaming',
  'download:thumbnail',
  'download:renamed',
]
const MIN_KILLS = 20

export interface CrashRoundResult {
  seed: number
  kills: string[]
  tasks: number
  posts: number
  rows: number
  completed: number
  failed: number
  unknown: number
  /** Tasks the simulator created (and charged) whose uuid never reached the library. */
  chargedWithoutUuid: number
  /** Every invariant that did not hold, in words; empty when the round passed. */
  violations: string[]
  /** Where the round fell short of exercising enough (too few kills, a phase never hit). */
  coverageGaps: string[]
}

type RoundCounts = Omit<CrashRoundResult, 'seed' | 'violations' | 'coverageGaps'>

/** Counts of rows per status, read between runs (the child is dead then). */
function statusCounts(dataDir: string): Record<string, number> {
  const file = path.join(dataDir, 'library.db')
  if (!fs.existsSync(file)) return { queued: ROUND_TASKS }
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    const rows = db.prepare('SELECT status, COUNT(*) AS n FROM generations GROUP BY status').all() as Array<{
      status: string
      n: number
    }>
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
  } finally {
    db.close()
  }
}

/** Could a run still reach this phase? */
function reachable(target: string, counts: Record<string, number>): boolean {
  // A row left in `submitting` becomes `unknown` on resume without any request, so it
  // reaches no phase at all: counting it would start a run that finishes everything.
  const queued = counts.queued ?? 0
  const polling = queued + (counts.pending ?? 0) + (counts.processing ?? 0)
  const unfinished = polling + (counts.downloading ?? 0)
  if (target.startsWith('submit:')) return queued > 0
  if (target.startsWith('poll:')) return polling > 0
  return unfinished > 0
}

interface RunResult {
  killedAt: string | null
  done: boolean
  stderr: string
}

/** A small seeded generator so a failing run can be repeated (CRASH_SEED). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

function runChild(
  env: Record<string, string>,
  target: string,
  random: () => number,
  limitMs: number,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
      cwd: repoRoot,
      env: { ...process.env, ...env, CRASH_TARGET: target === 'random' ? 'none' : target },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let killedAt: string | null = null
    let done = false
    let lastPhase = 'startup'
    let stderr = ''
    let randomTimer: NodeJS.Timeout | null = null
    const kill = (where: string): void => {
      if (killedAt !== null || done) return
      killedAt = where
      child.kill('SIGKILL')
    }
    const guard = setTimeout(() => kill(`time limit (${lastPhase})`), limitMs)
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'DONE') done = true
      if (line === 'READY' && target === 'random') {
        randomTimer = setTimeout(() => kill(`random (${lastPhase})`), 30 + Math.floor(random() * 500))
      }
      if (!line.startsWith('PHASE ')) return
      lastPhase = line.split(' ')[1] ?? lastPhase
      if (lastPhase === target) kill(target)
    })
    child.on('exit', () => {
      clearTimeout(guard)
      if (randomTimer) clearTimeout(randomTimer)
      resolve({ killedAt, done, stderr })
    })
  })
}

/**
 * One round: a fresh simulator and the given (empty) data folder, ROUND_TASKS
 * tasks, up to ROUND_KILLS kills, then runs until everything is final, then
 * every invariant checked. Throws only when the round could not be run at all
 * (the final run never finished); broken invariants come back as violations.
 */
export async function runCrashRound(options: { dataDir: string; seed: number }): Promise<CrashRoundResult> {
  const { dataDir, seed } = options
  const random = seededRandom(seed)
  const sim = await createSimulator({
    pendingMs: 300,
    processingMs: 300,
    resultLongEdge: 384,
    maxRecordedRequests: 1_000_000,
    faults: { latencyMs: 25 },
    seed,
  })
  try {
    const env = { CRASH_DATA_DIR: dataDir, CRASH_SIM_URL: sim.url, CRASH_TASKS: String(ROUND_TASKS) }

    const kills: string[] = []
    for (let turn = 0; kills.length < ROUND_KILLS && turn < TARGETS.length * 4; turn++) {
      const counts = statusCounts(dataDir)
      const target = TARGETS[turn % TARGETS.length]!
      if (!reachable('random', counts)) break
      if (!reachable(target, counts)) continue
      const run = await runChild(env, target, random, 15_000)
      if (run.killedAt) kills.push(run.killedAt)
      if (run.done) break
    }
    let finished = false
    for (let attempt = 0; attempt < 3 && !finished; attempt++) {
      const run = await runChild(env, 'none', random, 60_000)
      finished = run.done
      if (!finished)
        throw new Error(
          `the final run did not finish (${run.killedAt ?? 'exited'}), seed ${seed}:\n${run.stderr.slice(-4000)}`,
        )
    }

    // --- What the library says.
    const library = openLibrary({ dataDir, logger: recordingLogger() })
    const rows = library.listGenerations({ limit: 500 }).items
    library.close()
    const integrity = new DatabaseSync(path.join(dataDir, 'library.db'), { readOnly: true })
    const check = integrity.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>
    integrity.close()

    const completed = rows.filter((r) => r.status === 'completed')
    const failed = rows.filter((r) => r.status === 'failed')
    const unknown = rows.filter((r) => r.status === 'unknown')
    const posts = sim.requests.filter((r) => r.method === 'POST')
    const postsByPrompt = new Map<string, number>()
    for (const post of posts) {
      const prompt = (post.body as { prompt?: string } | null)?.prompt ?? ''
      postsByPrompt.set(prompt, (postsByPrompt.get(prompt) ?? 0) + 1)
    }
    const simTasks = sim.tasks()
    const libraryUuids = new Set(rows.flatMap((r) => (r.taskUuid ? [r.taskUuid] : [])))
    const lostUuids = simTasks.filter((t) => !libraryUuids.has(t.taskUuid))

    // Enough kills, spread over the phases: not a property of the engine but of the round.
    const coverageGaps = killCoverageGaps(kills)
    if (kills.length < MIN_KILLS) coverageGaps.push(`only ${kills.length} kills (at least ${MIN_KILLS} wanted)`)

    const violations: string[] = []
    const expect = (holds: boolean, what: string): void => {
      if (!holds) violations.push(what)
    }

    // Every row is final and accounted for.
    expect(rows.length === ROUND_TASKS, `${rows.length} rows, ${ROUND_TASKS} wanted`)
    expect(completed.length + failed.length + unknown.length === ROUND_TASKS, 'some rows are not final')
    for (const row of completed) {
      await expectWholeResult(dataDir, row).catch((error: unknown) =>
        violations.push(`${row.id}: ${(error as Error).message}`),
      )
    }
    for (const row of failed) {
      expect(row.error?.code === 'MODERATION_FAILED', `${row.id} failed with ${row.error?.code ?? 'no code'}`)
      expect(/forbidden/.test(row.prompt), `${row.id} failed but its prompt is not a moderated one`)
      expect(row.taskUuid !== null, `${row.id} failed without its uuid`)
    }
    for (const row of unknown) {
      expect(row.taskUuid === null, `${row.id} is unknown but has a uuid`)
      expect(row.error?.code === 'OUTCOME_UNKNOWN', `${row.id} is unknown with ${row.error?.code ?? 'no code'}`)
    }

    // No row was sent twice, and nothing was sent that is not a row.
    for (const row of rows) {
      const sent = postsByPrompt.get(row.prompt) ?? 0
      expect(sent <= 1, `"${row.prompt}" was POSTed ${sent} times`)
    }
    expect(posts.length <= rows.length, `${posts.length} POSTs for ${rows.length} rows`)
    expect(
      [...postsByPrompt.keys()].every((prompt) => rows.some((r) => r.prompt === prompt)),
      'a POST has no row',
    )

    // Every uuid in the library is real; every task the simulator charged for is in the
    // library, or its row is `unknown` (the kill landed between creation and the write).
    const simUuids = new Set(simTasks.map((t) => t.taskUuid))
    for (const uuid of libraryUuids) expect(simUuids.has(uuid), `uuid ${uuid} was never issued`)
    for (const lost of lostUuids) {
      const row = rows.find((r) => r.prompt === lost.prompt)
      expect(
        row?.status === 'unknown',
        `the task charged without a uuid ("${lost.prompt}") has a ${row?.status ?? 'missing'} row`,
      )
    }
    expect(unknown.length >= lostUuids.length, `${unknown.length} unknown rows for ${lostUuids.length} lost uuids`)
    expect(unknown.length <= kills.length, `${unknown.length} unknown rows after ${kills.length} kills`)

    // The disk: consistent database, nothing temporary left, no file without its row.
    expect(check.length === 1 && check[0]?.integrity_check === 'ok', `integrity check: ${JSON.stringify(check)}`)
    const leftovers = fs.readdirSync(path.join(dataDir, 'tmp'))
    expect(leftovers.length === 0, `tmp/ holds ${leftovers.join(', ')}`)
    const completedIds = new Set(completed.map((r) => r.id))
    for (const name of fs.readdirSync(path.join(dataDir, 'images'))) {
      expect(completedIds.has(name.replace(/\.[a-z]+$/, '')), `images/${name} belongs to no completed row`)
    }
    for (const folder of ['thumbs', 'thumbs/grid']) {
      const entries = fs.existsSync(path.join(dataDir, folder))
        ? fs.readdirSync(path.join(dataDir, folder), { withFileTypes: true })
        : []
      for (const entry of entries) {
        if (entry.isDirectory() && folder === 'thumbs' && entry.name === 'grid') continue
        expect(
          entry.isFile() && completedIds.has(entry.name.replace(/\.webp$/, '')),
          `${folder}/${entry.name} belongs to no completed row`,
        )
      }
    }

    return {
      seed,
      kills,
      tasks: ROUND_TASKS,
      posts: posts.length,
      rows: rows.length,
      completed: completed.length,
      failed: failed.length,
      unknown: unknown.length,
      chargedWithoutUuid: lostUuids.length,
      violations,
      coverageGaps,
    }
  } finally {
    await sim.close()
  }
}

/** The phases that must have seen a kill and did not. */
export function killCoverageGaps(kills: string[]): string[] {
  const phasesHit = new Set(kills.map((k) => k.split(' ')[0]))
  return PHASES_THAT_MUST_BE_HIT.filter((phase) => !phasesHit.has(phase)).map((phase) => `no kill during ${phase}`)
}

/** The line both the test and the soak print. */
export function summaryLine(result: RoundCounts, seedText: string): string {
  return (
    `crash test: ${result.kills.length} kills, ${result.tasks} tasks, ${result.posts} POSTs, ${result.rows} rows, ` +
    `${result.completed} completed, ${result.failed} failed, ${result.unknown} unknown ` +
    `(${result.chargedWithoutUuid} charged without a uuid on record), seed ${seedText}`
  )
}

/** Totals over several rounds, for the soak's last line. */
export function totals(results: CrashRoundResult[]): RoundCounts {
  const sum = (pick: (r: CrashRoundResult) => number): number => results.reduce((n, r) => n + pick(r), 0)
  return {
    kills: results.flatMap((r) => r.kills),
    tasks: sum((r) => r.tasks),
    posts: sum((r) => r.posts),
    rows: sum((r) => r.rows),
    completed: sum((r) => r.completed),
    failed: sum((r) => r.failed),
    unknown: sum((r) => r.unknown),
    chargedWithoutUuid: sum((r) => r.chargedWithoutUuid),
  }
}
