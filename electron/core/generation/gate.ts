/**
 * The engine-wide pause: a set of conditions (no key, bad key, maintenance,
 * offline, storage trouble), each with an optional time at which the engine tries
 * again by itself. The visible EngineState is derived from the most important
 * active condition. After a timed pause ends, one request goes first ("probe")
 * so a still-closed door is not hammered by every waiting task at once.
 */
import type { EngineState } from '../../../shared/domain'
import { computeBackoff } from './backoff'
import type { EngineTuning, Timer } from './types'

export type PauseReason = NonNullable<EngineState['reason']>
export type Lane = 'submit' | 'poll' | 'download'

interface Condition {
  until: number | null
  message: string
  handle: unknown
}

/** Most important first: what the user must act on before what fixes itself. */
const PRIORITY: PauseReason[] = ['unauthorized', 'no_key', 'storage', 'maintenance', 'offline']

const MESSAGES: Record<PauseReason, string> = {
  unauthorized: 'runblob refused the API key. Check it in Settings; waiting tasks continue once it works.',
  no_key:
    'No API key is set for this API address (a key stays with the address it was checked against). Add one in Settings (or switch to Demo mode); tasks wait until then.',
  storage:
    'Atelier cannot write to its library (disk full or read-only?). Work is paused so no task is lost; it resumes once writing works again.',
  maintenance: 'runblob is down for maintenance. Waiting tasks continue by themselves when it is back.',
  offline: 'No connection to runblob. Waiting tasks continue by themselves when the network is back.',
}

export interface Gate {
  /** May a new request of this lane start now, with these many API requests already running? */
  canStart(lane: Lane, apiRunning: number): boolean
  /**
   * Pauses for a reason. With `until`, the pause shows when work resumes and, unless
   * `selfClearing` is false, ends by itself then (the owner clears it otherwise).
   */
  set(reason: PauseReason, until: number | null, message?: string, selfClearing?: boolean): void
  /** Ends a pause; waiting work starts. */
  clear(reason: PauseReason): void
  has(reason: PauseReason): boolean
  /** A 503: pause everything until `retryAfterMs` (or a growing backoff). Returns when work resumes. */
  maintenance(retryAfterMs: number | null): number
  /** An API request failed on the network. Returns the offline pause's end, or null while not (yet) offline. */
  networkFailed(): number | null
  /** Any API answer: the network and the service are reachable. */
  apiAnswered(): void
  state(): EngineState
  /** Forgets every pause (a fresh start). */
  reset(): void
  /** Cancels the timers of timed pauses. */
  dispose(): void
}

export interface GateOptions {
  tuning: EngineTuning
  timer: Timer
  now: () => number
  random: () => number
  onChange: (state: EngineState) => void
  /** Called when a timed pause ends by itself, so waiting work can start. */
  onReopen: () => void
}

export function createGate(options: GateOptions): Gate {
  const { tuning, timer, now, random } = options
  const conditions = new Map<PauseReason, Condition>()
  let networkFailures = 0
  let maintenanceCount = 0
  let probing = false
  let last = JSON.stringify(deriveState())

  function deriveState(): EngineState {
    for (const reason of PRIORITY) {
      const condition = conditions.get(reason)
      if (condition) {
        return {
          state: 'paused',
          reason,
          message: condition.message,
          retryAt: condition.until === null ? null : new Date(condition.until).toISOString(),
        }
      }
    }
    return { state: 'running', reason: null, message: null, retryAt: null }
  }

  function changed(): void {
    const state = deriveState()
    const text = JSON.stringify(state)
    if (text === last) return
    last = text
    options.onChange(state)
  }

  function set(reason: PauseReason, until: number | null, message?: string, selfClearing = true): void {
    const existing = conditions.get(reason)
    if (existing?.handle != null) timer.clearTimeout(existing.handle)
    const condition: Condition = { until, message: message ?? MESSAGES[reason], handle: null }
    if (until !== null && selfClearing) {
      condition.handle = timer.setTimeout(() => {
        if (conditions.get(reason) !== condition) return
        conditions.delete(reason)
        probing = true
        changed()
        options.onReopen()
      }, until - now())
    }
    conditions.set(reason, condition)
    changed()
  }

  function clear(reason: PauseReason): void {
    const existing = conditions.get(reason)
    if (!existing) return
    if (existing.handle != null) timer.clearTimeout(existing.handle)
    conditions.delete(reason)
    probing = true
    changed()
    options.onReopen()
  }

  return {
    canStart(lane, apiRunning) {
      if (conditions.has('storage') || conditions.has('offline')) return false
      // Result downloads go to the provider's storage, not the API: no key needed, no API pause applies.
      if (lane === 'download') return true
      if (conditions.size > 0) return false
      return !probing || apiRunning === 0
    },
    set,
    clear,
    has: (reason) => conditions.has(reason),
    maintenance(retryAfterMs) {
      maintenanceCount += 1
      const wait =
        retryAfterMs ??
        Math.max(
          tuning.backoffBaseMs,
          computeBackoff(maintenanceCount, tuning.backoffBaseMs * 5, tuning.backoffCapMs, random),
        )
      const until = now() + wait
      // Several requests may report the same window: keep the latest end.
      const current = conditions.get('maintenance')?.until ?? 0
      if (until > current) set('maintenance', until)
      return Math.max(until, current)
    },
    networkFailed() {
      networkFailures += 1
      if (networkFailures < tuning.offlineAfterFailures) return null
      const existing = conditions.get('offline')
      if (existing?.until != null) return existing.until
      const round = networkFailures - tuning.offlineAfterFailures + 1
      const until =
        now() +
        Math.max(tuning.backoffBaseMs, computeBackoff(round, tuning.backoffBaseMs * 2, tuning.backoffCapMs, random))
      set('offline', until)
      return until
    },
    apiAnswered() {
      networkFailures = 0
      maintenanceCount = 0
      if (conditions.has('offline')) clear('offline')
      probing = false
    },
    state: deriveState,
    reset() {
      for (const condition of conditions.values()) if (condition.handle != null) timer.clearTimeout(condition.handle)
      conditions.clear()
      networkFailures = 0
      maintenanceCount = 0
      probing = false
      changed()
    },
    dispose() {
      for (const condition of conditions.values()) if (condition.handle != null) timer.clearTimeout(condition.handle)
      for (const condition of conditions.values()) condition.handle = null
    },
  }
}
