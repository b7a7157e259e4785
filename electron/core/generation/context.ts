/** What every step (submit, poll, download) works with: the engine's parts, wired once. */
import type { Generation } from '../../../shared/domain'
import type { LedgerStore } from './types'
import type { Logger } from '../ports'
import type { RunblobClient } from '../runblob/types'
import type { Gate } from './gate'
import type { Ledger } from './ledger'
import type { Notices } from './notices'
import type { DurationLearner } from './pollPlan'
import type { Scheduler } from './scheduler'
import type { EnginePhase, EngineTuning } from './types'

export interface StepContext {
  library: LedgerStore
  ledger: Ledger
  gate: Gate
  scheduler: Scheduler
  notices: Notices
  tuning: EngineTuning
  /** Recent task durations, for planning status checks. */
  durations: DurationLearner
  logger: Logger
  now(): number
  random(): number
  /** Backoff for the n-th consecutive failure, never quite zero. */
  backoff(attempt: number): number
  iso(ms: number): string
  getClient(): RunblobClient | null
  referencePayload: (reference: Generation['references'][number]) => Promise<string>
  fetch: typeof fetch
  phase(phase: EnginePhase, id: string): void
  /** Aborted on stop(): API polls, downloads now; POSTs after a grace period. */
  signals(): { api: AbortSignal; submit: AbortSignal; download: AbortSignal }
  stopping(): boolean
  /** Resolves once leftover tmp files from an earlier run are gone. */
  ready(): Promise<void>
}

/** Per-request options for the API client. */
export function requestOptions(ctx: StepContext, signal: AbortSignal): { signal: AbortSignal; timeoutMs?: number } {
  return ctx.tuning.requestTimeoutMs === null ? { signal } : { signal, timeoutMs: ctx.tuning.requestTimeoutMs }
}
