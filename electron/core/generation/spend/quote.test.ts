import { describe, expect, it } from 'vitest'
import { computeQuote, overLimitMessage } from './quote'

const base = { today: '0', thisMonth: '0', limits: { daily: null, monthly: null } }

describe('computeQuote', () => {
  it('multiplies the last price exactly', () => {
    expect(computeQuote({ ...base, unitPrice: '0.0400', variations: 3 })).toMatchObject({
      unitPrice: '0.04',
      total: '0.12',
      wouldExceed: null,
    })
    // 0.1 × 3 in floating point is 0.30000000000000004.
    expect(computeQuote({ ...base, unitPrice: '0.1', variations: 3 }).total).toBe('0.3')
  })

  it('knows no price before the first priced task', () => {
    expect(computeQuote({ ...base, unitPrice: null, variations: 2 })).toMatchObject({ unitPrice: null, total: null })
  })

  it('flags the daily limit when today plus the total would pass it, and not when it lands on it', () => {
    const input = {
      unitPrice: '0.04',
      variations: 3,
      today: '0.04',
      thisMonth: '0.04',
      limits: { daily: '0.10', monthly: null },
    }
    expect(computeQuote(input).wouldExceed).toEqual({
      limit: 'daily',
      limitAmount: '0.10',
      spent: '0.04',
      after: '0.16',
    })
    expect(computeQuote({ ...input, limits: { daily: '0.16', monthly: null } }).wouldExceed).toBeNull()
  })

  it('checks the monthly limit when the day is fine, the daily one first', () => {
    const input = { unitPrice: '1', variations: 2, today: '0', thisMonth: '9', limits: { daily: '5', monthly: '10' } }
    expect(computeQuote(input).wouldExceed).toMatchObject({ limit: 'monthly', after: '11' })
    expect(computeQuote({ ...input, limits: { daily: '1', monthly: '10' } }).wouldExceed).toMatchObject({
      limit: 'daily',
    })
  })

  it('without a price, refuses only once a limit is already reached', () => {
    const input = { unitPrice: null, variations: 1, today: '2', thisMonth: '2', limits: { daily: '2', monthly: null } }
    expect(computeQuote(input).wouldExceed).toEqual({ limit: 'daily', limitAmount: '2', spent: '2', after: null })
    expect(computeQuote({ ...input, today: '1.99' }).wouldExceed).toBeNull()
  })

  it('tolerates limits with more than six decimals', () => {
    const quote = computeQuote({
      ...base,
      unitPrice: '0.04',
      variations: 1,
      limits: { daily: '0.0399999999', monthly: null },
    })
    expect(quote.wouldExceed).toBeNull()
  })
})

describe('overLimitMessage', () => {
  it('says which limit, what was spent, what it would become and the limit', () => {
    const quote = computeQuote({
      unitPrice: '0.04',
      variations: 3,
      today: '0.04',
      thisMonth: '0.04',
      limits: { daily: '0.1', monthly: null },
    })
    expect(overLimitMessage(quote.wouldExceed!, quote)).toBe(
      "Today's spending is $0.04; these 3 images (≈ $0.12) would take it to $0.16, over your daily limit of $0.10.",
    )
    const monthly = computeQuote({
      unitPrice: null,
      variations: 1,
      today: '0',
      thisMonth: '30',
      limits: { daily: null, monthly: '25' },
    })
    expect(overLimitMessage(monthly.wouldExceed!, monthly)).toBe(
      "This month's spending is already $30.00, at or over your monthly limit of $25.00.",
    )
  })
})
