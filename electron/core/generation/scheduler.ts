/**
 * When each job runs: one job per generation, waiting for its due time, then
 * queued in its lane (submit, poll, download) until the gate allows it and the
 * lane has a free slot. A job runs one step at a time; the step reschedules the
 * job (next poll, retry) or lets it finish.
 */
import type { Logger } from '../ports'
import type { Lane } from './gate'
import type { Timer } from './types'

export interface Job {
  readonly id: string
  lane: Lane
  dueAt: number
  /** Consecutive failures in the current phase (for backoff). */
  attempts: number
  /** Jobs created together by one create(): a 402 stops the rest of the batch. */
  batchId: string | null
  /** Download: look for a result already in place (after a crash) before fetching. */
  checkStored: boolean
  /** Download: the last attempt found the URL expired; ask the API for a fresh one first. */
  refreshUrl: boolean
  /** Poll: unknown status strings already logged, so the log is not flooded. */
  loggedStatuses: Set<string>
}

interface Entry {
  job: Job
  state: 'waiting' | 'ready' | 'running'
  handle: unknown
  /** Set when the running step scheduled a next step. */
  rescheduled: boolean
}

export interface SchedulerOptions {
  limits: Record<Lane, number>
  canStart: (lane: Lane, apiRunning: number) => boolean
  run: (job: Job) => Promise<void>
  timer: Timer
  now: () => number
  logger: Logger
}

export interface Scheduler {
  /** Creates the job or moves it to a new lane/time. While it runs, this sets its next step. */
  schedule(id: string, lane: Lane, dueAt: number, init?: Partial<Omit<Job, 'id' | 'lane' | 'dueAt'>>): Job
  get(id: string): Job | undefined
  /** Removes a job that is not running. */
  cancel(id: string): void
  /** Jobs of a lane that are not running (e.g. the rest of a batch). */
  idle(lane: Lane): Job[]
  /** Starts whatever may start. */
  pump(): void
  running(lane?: Lane): number
  size(): number
  /** No new steps start; waiting timers are cleared. Running steps continue. */
  halt(): void
  resume(): void
  /** Resolves when no step is running. */
  settled(): Promise<void>
}

const LANES: Lane[] = ['submit', 'poll', 'download']

export function createScheduler(options: SchedulerOptions): Scheduler {
  const entries = new Map<string, Entry>()
  const ready: Record<Lane, string[]> = { submit: [], poll: [], download: [] }
  const runningCount: Record<Lane, number> = { submit: 0, poll: 0, download: 0 }
  const inFlight = new Set<Promise<void>>()
  let halted = false
  let pumpQueued = false

  function arm(entry: Entry): void {
    if (entry.handle !== null) options.timer.clearTimeout(entry.handle)
    entry.handle = null
    entry.state = 'waiting'
    if (halted) return
    const delay = entry.job.dueAt - options.now()
    if (delay <= 0) {
      makeReady(entry)
      return
    }
    entry.handle = options.timer.setTimeout(() => {
      entry.handle = null
      if (entries.get(entry.job.id) === entry && entry.state === 'waiting') makeReady(entry)
    }, delay)
  }

  function makeReady(entry: Entry): void {
    entry.state = 'ready'
    ready[entry.job.lane].push(entry.job.id)
    queuePump()
  }

  /** Pumps on a microtask so many schedule() calls in one step cost one pump. */
  function queuePump(): void {
    if (pumpQueued) return
    pumpQueued = true
    queueMicrotask(() => {
      pumpQueued = false
      pump()
    })
  }

  function apiRunning(): number {
    return runningCount.submit + runningCount.poll
  }

  function takeReady(lane: Lane): Entry | null {
    const queue = ready[lane]
    while (queue.length > 0) {
      const id = queue.shift() as string
      const entry = entries.get(id)
      // Stale ids (cancelled or moved to another lane) are skipped.
      if (entry && entry.state === 'ready' && entry.job.lane === lane) return entry
    }
    return null
  }

  function pump(): void {
    if (halted) return
    for (const lane of LANES) {
      while (
        runningCount[lane] < options.limits[lane] &&
        ready[lane].length > 0 &&
        options.canStart(lane, apiRunning())
      ) {
        const entry = takeReady(lane)
        if (!entry) break
        start(entry, lane)
      }
    }
  }

  function start(entry: Entry, lane: Lane): void {
    entry.state = 'running'
    entry.rescheduled = false
    runningCount[lane] += 1
    const step = (async () => {
      try {
        await options.run(entry.job)
      } catch (error) {
        // A step must handle its own failures; this is a bug, so keep the job alive and look again later.
        options.logger.error({ err: error, id: entry.job.id, lane }, 'task step crashed')
        if (!entry.rescheduled) {
          entry.job.dueAt = options.now() + 30_000
          entry.rescheduled = true
        }
      }
    })()
    inFlight.add(step)
    void step.finally(() => {
      inFlight.delete(step)
      runningCount[lane] -= 1
      if (entries.get(entry.job.id) === entry) {
        if (entry.rescheduled) arm(entry)
        else entries.delete(entry.job.id)
      }
      queuePump()
    })
  }

  return {
    schedule(id, lane, dueAt, init) {
      const existing = entries.get(id)
      if (existing) {
        existing.job.lane = lane
        existing.job.dueAt = dueAt
        if (init) Object.assign(existing.job, init)
        if (existing.state === 'running') existing.rescheduled = true
        else arm(existing)
        return existing.job
      }
      const job: Job = {
        id,
        lane,
        dueAt,
        attempts: 0,
        batchId: null,
        checkStored: false,
        refreshUrl: false,
        loggedStatuses: new Set(),
        ...init,
      }
      const entry: Entry = { job, state: 'waiting', handle: null, rescheduled: false }
      entries.set(id, entry)
      arm(entry)
      return job
    },
    get: (id) => entries.get(id)?.job,
    cancel(id) {
      const entry = entries.get(id)
      if (!entry || entry.state === 'running') return
      if (entry.handle !== null) options.timer.clearTimeout(entry.handle)
      entries.delete(id)
    },
    idle: (lane) => [...entries.values()].filter((e) => e.state !== 'running' && e.job.lane === lane).map((e) => e.job),
    pump,
    running: (lane) => (lane ? runningCount[lane] : apiRunning() + runningCount.download),
    size: () => entries.size,
    halt() {
      halted = true
      for (const entry of entries.values()) {
        if (entry.handle !== null) options.timer.clearTimeout(entry.handle)
        entry.handle = null
      }
    },
    resume() {
      halted = false
      for (const lane of LANES) ready[lane] = []
      for (const entry of entries.values()) if (entry.state !== 'running') arm(entry)
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
  }
}
