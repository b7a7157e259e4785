/**
 * Facts the library derives from a generation, defined once: how long it took
 * (only a completed task has a duration) and how its price is stored (the
 * provider's string beside exact micro-dollars). The ledger's writes, the
 * migrations, import and export all use these.
 */
import { DecimalString, type GenerationStatus } from '../../../shared/domain'
import { parseMicrosRoundedHalfUp } from '../money/decimal'
import type { Logger } from '../ports'

/** Submit → finish in whole milliseconds for a completed task; null otherwise, or when either end is missing or unreadable. */
export function durationMs(
  status: GenerationStatus | string,
  submittedAt: string | null,
  finishedAt: string | null,
): number | null {
  if (status !== 'completed' || submittedAt === null || finishedAt === null) return null
  const ms = Date.parse(finishedAt) - Date.parse(submittedAt)
  return Number.isFinite(ms) && ms >= 0 ? ms : null
}

/** The price string and its exact micros; an unreadable price is logged and left out (never throws: the patch may carry a task uuid). */
export function storedPrice(
  price: string | null,
  logger: Logger,
  id: string,
): { price: string | null; micros: number | null } {
  if (price === null) return { price: null, micros: null }
  if (!DecimalString.safeParse(price).success) {
    logger.warn({ id, price }, 'library: unreadable price not stored')
    return { price: null, micros: null }
  }
  const { micros, rounded } = parseMicrosRoundedHalfUp(price)
  if (rounded) logger.warn({ id, price }, 'library: price has more than 6 decimals; sums use it rounded half up')
  if (micros > BigInt(Number.MAX_SAFE_INTEGER)) {
    logger.warn({ id, price }, 'library: price too large to sum; left out of sums')
    return { price, micros: null }
  }
  return { price, micros: Number(micros) }
}
