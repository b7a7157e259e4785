/**
 * Coalesces a burst of updates into few flushes: only the newest item per key is
 * kept, and flushes happen at most once per `intervalMs` (100 ms → at most 10
 * events per second however many tasks change). A lone update after a quiet
 * period is delivered on the next tick, so the UI stays prompt.
 */
import { systemTimer, type Timer } from './types'

export interface CoalescerOptions<T> {
  intervalMs: number
  key: (item: T) => string
  timer?: Timer
  now?: () => number
}

export interface Coalescer<T> {
  push(item: T): void
  /** Delivers what is pending right now (e.g. before shutdown). */
  flushNow(): void
  /** Cancels the timer and drops anything pending; call flushNow() first to deliver it. */
  dispose(): void
}

export function createCoalescer<T>(flush: (items: T[]) => void, options: CoalescerOptions<T>): Coalescer<T> {
  const timer = options.timer ?? systemTimer
  const now = options.now ?? (() => Date.now())
  let pending = new Map<string, T>()
  let handle: unknown = null
  let lastFlushAt = Number.NEGATIVE_INFINITY
  let disposed = false

  function deliver(): void {
    handle = null
    if (pending.size === 0) return
    const items = [...pending.values()]
    pending = new Map()
    lastFlushAt = now()
    flush(items)
  }

  return {
    push(item) {
      if (disposed) return
      const key = options.key(item)
      // Re-insert so the map's order follows the latest change.
      pending.delete(key)
      pending.set(key, item)
      if (handle !== null) return
      const wait = Math.max(0, lastFlushAt + options.intervalMs - now())
      handle = timer.setTimeout(deliver, wait)
    },
    flushNow() {
      if (handle !== null) timer.clearTimeout(handle)
      deliver()
    },
    dispose() {
      disposed = true
      if (handle !== null) timer.clearTimeout(handle)
      handle = null
      pending = new Map()
    },
  }
}
