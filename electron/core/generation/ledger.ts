/**
 * Durable ledger writes, with a fallback for a disk that refuses them.
 *
 * `record` is for facts that must not be lost (a task uuid and its price, a
 * final status): when the library throws, the patch is kept in memory, logged in
 * full at error level (the log is a second record of the uuid), retried with
 * backoff, and the engine pauses with reason `storage` until every kept patch is
 * written. `attempt` is for intents (the "submitting" mark before a POST): when it
 * fails, nothing is kept and the caller must not go ahead.
 */
import type { Generation } from '../../../shared/domain'
import type { GenerationPatch } from '../db'
import type { LedgerStore } from './types'
import type { Logger } from '../ports'
import { computeBackoff } from './backoff'
import type { Gate } from './gate'
import type { EngineTuning, Timer } from './types'

export interface Ledger {
  /** Writes (or keeps and retries) a patch. Returns the row as it now stands, durable or not. */
  record(row: Generation, patch: GenerationPatch): { row: Generation; durable: boolean }
  /** Writes now or not at all. null = the disk refused; nothing was kept. */
  attempt(row: Generation, patch: GenerationPatch): Generation | null
  /** True while a patch for this row waits in memory. */
  holds(id: string): boolean
  /** The row as it stands, including a kept change the disk has not taken yet. */
  current(id: string): Generation | null
  /** One last try at every kept patch (on stop). */
  flushAll(): void
  dispose(): void
}

export interface LedgerOptions {
  library: Pick<LedgerStore, 'updateGeneration' | 'getGeneration'>
  gate: Gate
  logger: Logger
  tuning: EngineTuning
  timer: Timer
  now: () => number
  random: () => number
  /** Every durable change. */
  emit: (row: Generation) => void
}

/** The row as it will read once the patch is written (engine bookkeeping fields are not part of it). */
function applyLocally(row: Generation, patch: GenerationPatch): Generation {
  const { nextCheckAt: _next, attempts: _attempts, ...visible } = patch
  return { ...row, ...visible }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

export function createLedger(options: LedgerOptions): Ledger {
  const { library, gate, logger, tuning, timer } = options
  const kept = new Map<string, { row: Generation; patch: GenerationPatch }>()
  let failures = 0
  let flushHandle: unknown = null

  function write(id: string, patch: GenerationPatch): Generation {
    const row = library.updateGeneration(id, patch)
    options.emit(row)
    return row
  }

  function diskFailed(error: unknown): void {
    failures += 1
    const delay = Math.max(
      tuning.backoffBaseMs,
      computeBackoff(failures, tuning.backoffBaseMs, tuning.backoffCapMs, options.random),
    )
    const until = options.now() + delay
    // With changes kept in memory, only a successful flush ends the pause.
    gate.set(
      'storage',
      until,
      `Atelier cannot write to its library (${describe(error)}). Work is paused so no task is lost; it resumes once writing works again.`,
      kept.size === 0,
    )
    if (kept.size > 0 && flushHandle === null) {
      flushHandle = timer.setTimeout(() => {
        flushHandle = null
        flushKept()
      }, delay)
    }
  }

  function diskWorks(): void {
    failures = 0
    if (kept.size === 0) gate.clear('storage')
  }

  /** The row vanished (not a disk problem): stop trying to write it. */
  function rowIsGone(id: string): boolean {
    try {
      return library.getGeneration(id) === null
    } catch {
      return false
    }
  }

  /** A new patch on top of one still kept for the row: the kept fields stay unless overwritten. */
  function withKept(id: string, patch: GenerationPatch): GenerationPatch {
    const previous = kept.get(id)
    return previous ? { ...previous.patch, ...patch } : patch
  }

  /** Writes the merged patch; once written, nothing for the row is kept any more. */
  function writeMerged(id: string, merged: GenerationPatch): Generation {
    const written = write(id, merged)
    kept.delete(id)
    diskWorks()
    return written
  }

  function flushKept(): void {
    for (const [id, entry] of [...kept]) {
      try {
        write(id, entry.patch)
        kept.delete(id)
        logger.warn({ id, patch: entry.patch }, 'kept ledger change written after a storage failure')
      } catch (error) {
        if (rowIsGone(id)) {
          kept.delete(id)
          continue
        }
        logger.error(
          { err: error, id, patch: entry.patch },
          'library still refuses writes; ledger change kept in memory',
        )
        diskFailed(error)
        return
      }
    }
    diskWorks()
  }

  return {
    record(row, patch) {
      const merged = withKept(row.id, patch)
      try {
        return { row: writeMerged(row.id, merged), durable: true }
      } catch (error) {
        if (rowIsGone(row.id)) {
          logger.warn({ id: row.id }, 'ledger row disappeared; change dropped')
          return { row: applyLocally(row, merged), durable: false }
        }
        const local = applyLocally(row, merged)
        kept.set(row.id, { row: local, patch: merged })
        // Loud on purpose: if the app dies now, this log line is the only record of the uuid.
        logger.error(
          { err: error, id: row.id, taskUuid: local.taskUuid, price: local.price, status: local.status, patch: merged },
          'LIBRARY WRITE FAILED: ledger change kept in memory and retried',
        )
        diskFailed(error)
        return { row: local, durable: false }
      }
    },
    attempt(row, patch) {
      try {
        return writeMerged(row.id, withKept(row.id, patch))
      } catch (error) {
        logger.error({ err: error, id: row.id }, 'library write failed; step postponed')
        diskFailed(error)
        return null
      }
    },
    holds: (id) => kept.has(id),
    current: (id) => kept.get(id)?.row ?? library.getGeneration(id),
    flushAll() {
      if (flushHandle !== null) timer.clearTimeout(flushHandle)
      flushHandle = null
      if (kept.size > 0) flushKept()
      if (flushHandle !== null) timer.clearTimeout(flushHandle)
      flushHandle = null
      for (const [id, entry] of kept) {
        logger.error({ id, patch: entry.patch }, 'LEDGER CHANGE NOT WRITTEN at shutdown (the library refused it)')
      }
    },
    dispose() {
      if (flushHandle !== null) timer.clearTimeout(flushHandle)
      flushHandle = null
    },
  }
}
