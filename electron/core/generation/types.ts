/**
 * The task engine's public shape. It turns ledger rows into submitted, polled and
 * downloaded tasks without ever losing one that was paid for; see
 * docs/task-engine.md for the state machine and the durability argument.
 */
import type { AspectRatio, EngineState, Generation, ReferenceInfo } from '../../../shared/domain'
import type { Library } from '../db'
import type { Clock, Logger, Notifier } from '../ports'
import type { RunblobClient } from '../runblob/types'

/** Every knob of the scheduler. Defaults suit the real API (tasks take 1–3 minutes). */
export interface EngineTuning {
  /** First status check after a task was created. */
  firstPollDelayMs: number
  /** Status checks start this far apart… */
  pollIntervalMs: number
  /** …and grow with the task's age up to this. */
  pollIntervalCapMs: number
  /**
   * Learnt polling (tasks/pollPlan.ts), once `minDurationSamples` of the last
   * `durationSamples` finished tasks are known: the first check waits for this
   * low quantile of their durations…
   */
  firstPollQuantile: number
  /** …checks may then come this close together where results usually arrive… */
  minPollIntervalMs: number
  /** …as long as one request buys at least about this much earlier notice (the planner's trade-off). */
  pollRequestCostMs: number
  durationSamples: number
  minDurationSamples: number
  /** The recent durations are read from the library again after this long. */
  durationRefreshMs: number
  /** A task older than this is marked stalled and checked every `stalledPollIntervalMs`. */
  stalledAfterMs: number
  stalledPollIntervalMs: number
  maxConcurrentSubmits: number
  maxConcurrentPolls: number
  maxConcurrentDownloads: number
  /** Exponential backoff with full jitter: base·2^(attempt−1), capped. */
  backoffBaseMs: number
  backoffCapMs: number
  /** Download attempts before the row ends as a retryable `failed` (DOWNLOAD_FAILED / RESULT_EXPIRED). */
  downloadAttempts: number
  /** Per API request; null = the client's default. */
  requestTimeoutMs: number | null
  /** Per result download (the whole body). */
  downloadTimeoutMs: number
  /** Results larger than this are refused. */
  maxDownloadBytes: number
  /** Consecutive network failures of API requests before the engine says it is offline. */
  offlineAfterFailures: number
  /** "Task not found" answers tolerated before a task is given up as TASK_NOT_FOUND. */
  notFoundAttempts: number
  /** On stop(), an in-flight POST gets this long to be answered before it is aborted (and becomes `unknown`). */
  stopGraceMs: number
  /** Completions and failures within this window become one notification. */
  notifyBatchMs: number
}

export const DEFAULT_TUNING: EngineTuning = {
  firstPollDelayMs: 4_000,
  pollIntervalMs: 5_000,
  pollIntervalCapMs: 15_000,
  firstPollQuantile: 0.05,
  minPollIntervalMs: 2_000,
  pollRequestCostMs: 200,
  durationSamples: 50,
  minDurationSamples: 8,
  durationRefreshMs: 10 * 60_000,
  stalledAfterMs: 6 * 60_000,
  stalledPollIntervalMs: 30_000,
  maxConcurrentSubmits: 2,
  maxConcurrentPolls: 8,
  maxConcurrentDownloads: 2,
  backoffBaseMs: 1_000,
  backoffCapMs: 60_000,
  downloadAttempts: 5,
  requestTimeoutMs: null,
  downloadTimeoutMs: 120_000,
  maxDownloadBytes: 100 * 1024 * 1024,
  offlineAfterFailures: 3,
  notFoundAttempts: 5,
  stopGraceMs: 3_000,
  notifyBatchMs: 1_500,
}

/** setTimeout/clearTimeout, injectable for tests. */
export interface Timer {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemTimer: Timer = {
  setTimeout: (callback, ms) => setTimeout(callback, Math.min(Math.max(0, ms), 2_147_483_647)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/**
 * Points in a task's life, reported through `onPhase` (a debugging and testing
 * hook: the crash test kills the process exactly there).
 */
export type EnginePhase =
  | 'submit:intent-written'
  | 'submit:request-sent'
  | 'submit:reply-received'
  | 'submit:uuid-written'
  | 'poll:request'
  | 'poll:completed'
  | 'download:start'
  | 'download:streaming'
  | 'download:verified'
  | 'download:thumbnail'
  | 'download:renamed'
  | 'download:row-written'

/**
 * The part of the library the engine works on: its ledger rows and the folder
 * results are downloaded into, and how long finished tasks took (polling learns
 * from them). Nothing else of the library reaches the engine.
 */
export type LedgerStore = Pick<
  Library,
  'dataDir' | 'insertGenerations' | 'updateGeneration' | 'getGeneration' | 'listUnfinished' | 'recentDurations'
>

export interface TaskEngineOptions {
  library: LedgerStore
  /** null when no API key is configured: work waits, visibly (state paused / no_key). */
  getClient: () => RunblobClient | null
  clock: Clock
  logger: Logger
  /** "Image ready" / "Generation failed" notifications. */
  notifier: Notifier
  /** Every ledger change, as it happens; coalescing is the caller's (createCoalescer). */
  onGenerationChanged: (generation: Generation) => void
  onStateChanged: (state: EngineState) => void
  /** The data URI or URL to send for a reference. */
  referencePayload: (reference: ReferenceInfo) => Promise<string>
  /** For result downloads. It never carries our Authorization header. */
  fetch?: typeof fetch
  tuning?: Partial<EngineTuning>
  timer?: Timer
  /** Jitter source; Math.random by default. */
  random?: () => number
  /** Debugging/testing hook, called synchronously at each phase. */
  onPhase?: (phase: EnginePhase, generationId: string) => void
}

export interface CreateTasksInput {
  prompt: string
  aspectRatio: AspectRatio
  references: ReferenceInfo[]
  variations: number
  callbackUrl: string | null
}

export interface TaskEngine {
  /** Resumes every unfinished row (library.listUnfinished()) and starts scheduling. */
  start(): void
  /** Stops timers, aborts in-flight requests (a POST gets `stopGraceMs` first) and waits for them to settle. */
  stop(): Promise<void>
  /** Writes `variations` queued rows durably, then schedules them; returns them. */
  create(input: CreateTasksInput): Generation[]
  /**
   * The retries of an existing row, as `retryKind()` decides: `download` → downloading again
   * from the kept URL; `poll` → polled again with its kept uuid; `resubmit` → queued again.
   * `again` (a new generation) and no kind are refused with a UserFacingError (NOT_RETRYABLE,
   * BUSY, NOT_FOUND); the generation.retry handler makes the new generation for `again`.
   */
  retry(id: string): Generation
  state(): EngineState
  /** The key or base URL changed: leave the unauthorized / no_key pause and look again now. */
  credentialsChanged(): void
}
