/**
 * Spending, summed exactly in integer micro-dollars (BigInt end to end). A task
 * is charged when the provider answered the POST with a price; it counts on the
 * day it was submitted (the charge moment), in the local time of `now`. Rows
 * removed by emptying the trash still count (purged_charges): money spent stays spent.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { SpendSummary } from '../../../shared/contract'
import { formatMicros } from '../money/decimal'

export const BY_DAY_WINDOW = 30

const CHARGED_AT = 'COALESCE(submitted_at, created_at)'

export interface SpendStatements {
  totals: StatementSync
  range: StatementSync
  rows: StatementSync
}

export function prepareSpendStatements(db: DatabaseSync): SpendStatements {
  // Every charge: the ledger's rows plus what emptied trashes had cost (purged_charges).
  const charges = `
    SELECT ${CHARGED_AT} AS charged_at, status, price_micros FROM generations WHERE price_micros IS NOT NULL
    UNION ALL
    SELECT charged_at, status, price_micros FROM purged_charges`
  const statements = {
    totals: db.prepare(`
      SELECT COALESCE(SUM(price_micros), 0) AS total,
             COALESCE(SUM(CASE WHEN status = 'failed' THEN price_micros END), 0) AS failed
      FROM (${charges})`),
    range: db.prepare(`
      SELECT COALESCE(SUM(price_micros), 0) AS total FROM (
        SELECT price_micros FROM generations
        WHERE price_micros IS NOT NULL AND ${CHARGED_AT} >= ? AND ${CHARGED_AT} < ?
        UNION ALL
        SELECT price_micros FROM purged_charges WHERE charged_at >= ? AND charged_at < ?)`),
    rows: db.prepare(`
      SELECT ${CHARGED_AT} AS charged_at, price_micros FROM generations
      WHERE price_micros IS NOT NULL AND ${CHARGED_AT} >= ? AND ${CHARGED_AT} < ?
      UNION ALL
      SELECT charged_at, price_micros FROM purged_charges WHERE charged_at >= ? AND charged_at < ?`),
  }
  // Sums come back as BigInt: exact whatever their size.
  for (const statement of Object.values(statements)) statement.setReadBigInts(true)
  return statements
}

function localDay(date: Date, offsetDays = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + offsetDays)
}

/** YYYY-MM-DD of the local calendar day. */
export function localDayKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

function bigintOf(value: unknown): bigint {
  return typeof value === 'bigint' ? value : BigInt(value as number)
}

export function computeSpendSummary(statements: SpendStatements, now: Date): SpendSummary {
  const totals = statements.totals.get() as { total: bigint; failed: bigint }
  const startOfToday = localDay(now)
  const startOfTomorrow = localDay(now, 1)
  const startOfMonth = new Date(now.getFullYear(), now.getMonth(), 1)
  const startOfNextMonth = new Date(now.getFullYear(), now.getMonth() + 1, 1)
  const sumBetween = (from: Date, to: Date) => {
    const range = [from.toISOString(), to.toISOString()]
    return bigintOf((statements.range.get(...range, ...range) as { total: unknown }).total)
  }

  const windowStart = localDay(now, -(BY_DAY_WINDOW - 1))
  const perDay = new Map<string, bigint>()
  const window = [windowStart.toISOString(), startOfTomorrow.toISOString()]
  const rows = statements.rows.all(...window, ...window) as Array<{
    charged_at: string
    price_micros: unknown
  }>
  for (const row of rows) {
    const key = localDayKey(new Date(row.charged_at))
    perDay.set(key, (perDay.get(key) ?? 0n) + bigintOf(row.price_micros))
  }

  return {
    total: formatMicros(bigintOf(totals.total)),
    today: formatMicros(sumBetween(startOfToday, startOfTomorrow)),
    thisMonth: formatMicros(sumBetween(startOfMonth, startOfNextMonth)),
    chargedButFailed: formatMicros(bigintOf(totals.failed)),
    byDay: [...perDay.entries()]
      .filter(([, total]) => total > 0n)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([day, total]) => ({ day, total: formatMicros(total) })),
  }
}
