/**
 * What the library has cost: total, this month, today and per day (the last 30
 * days with spending), from the core's exact decimal sums of the ledger —
 * nothing here adds money up in floating point. Tasks that were charged but
 * failed are shown apart. The bars' lengths are the only approximation, and
 * they are only pictures.
 */
import { useEffect, useState } from 'react'
import type { SpendSummary } from '../../../shared/contract'
import { atelier } from '../api/client'
import { describeError, type ErrorView } from '../api/errors'
import { formatPrice } from '../format/money'
import { ErrorNotice } from '../ui/ErrorNotice'
import { Spinner } from '../ui/icons'
import './spend.css'

/** A bar's share of the largest day, from the decimal strings (display only). */
function share(amount: string, largest: string): number {
  const max = Number(largest)
  return max > 0 ? Math.max(0.02, Number(amount) / max) : 0
}

function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toLocaleDateString([], { day: 'numeric', month: 'short' })
}

export function SpendPanel() {
  const [summary, setSummary] = useState<SpendSummary | null>(null)
  const [error, setError] = useState<ErrorView | null>(null)

  useEffect(() => {
    let cancelled = false
    atelier
      .invoke('spend.summary', {})
      .then((next) => !cancelled && setSummary(next))
      .catch((failure: unknown) => !cancelled && setError(describeError(failure)))
    return () => {
      cancelled = true
    }
  }, [])

  if (error) return <ErrorNotice error={error} alert={false} className="compact" />
  if (!summary) {
    return (
      <p className="spend-loading muted">
        <Spinner /> Adding up…
      </p>
    )
  }
  const largest = summary.byDay.reduce((max, day) => (Number(day.total) > Number(max) ? day.total : max), '0')
  const money = (amount: string) => formatPrice(amount) ?? '$0.00'

  return (
    <section className="spend-panel" aria-label="Spending">
      <dl className="spend-totals">
        <div>
          <dt>Total spent</dt>
          <dd data-testid="spend-total">{money(summary.total)}</dd>
        </div>
        <div>
          <dt>This month</dt>
          <dd>{money(summary.thisMonth)}</dd>
        </div>
        <div>
          <dt>Today</dt>
          <dd>{money(summary.today)}</dd>
        </div>
      </dl>
      <p className="spend-failed">
        Charged but failed: <strong>{money(summary.chargedButFailed)}</strong>
        <span className="muted"> — included in the total; the provider attempts refunds for some failures.</span>
      </p>
      <h3 className="spend-heading">Per day (last 30 days)</h3>
      {summary.byDay.length === 0 ? (
        <p className="muted">Nothing spent in the last 30 days.</p>
      ) : (
        <ol className="spend-days">
          {[...summary.byDay].reverse().map((day) => (
            <li key={day.day}>
              <span className="spend-day">{dayLabel(day.day)}</span>
              <span className="spend-bar" aria-hidden="true">
                <span style={{ width: `${share(day.total, largest) * 100}%` }} />
              </span>
              <span className="spend-amount">{money(day.total)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
