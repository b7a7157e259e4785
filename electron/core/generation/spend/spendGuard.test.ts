import { describe, expect, it } from 'vitest'
import type { Settings } from '../../../../shared/contract'
import { UserFacingError } from '../../ipc/errors'
import { createSpendGuard } from './spendGuard'

function guard(
  prices: Array<string | null>,
  limits: Pick<Settings, 'dailySpendLimit' | 'monthlySpendLimit'>,
  live = true,
) {
  return createSpendGuard({
    recentGenerations: (limit) => prices.slice(0, limit).map((price) => ({ price })),
    spendSummary: () => ({ today: '0.04', thisMonth: '0.04' }),
    settings: () => limits,
    limitsApply: () => live,
    clock: { now: () => Date.parse('2026-03-01T12:00:00Z') },
  })
}

describe('spend guard', () => {
  it('prices from the newest task that has a price', () => {
    const quote = guard([null, '0.05', '0.04'], { dailySpendLimit: null, monthlySpendLimit: null }).quote(2)
    expect(quote).toMatchObject({ unitPrice: '0.05', total: '0.1', today: '0.04', wouldExceed: null })
  })

  it('refuses over a limit with SPEND_LIMIT unless confirmed', () => {
    const spend = guard(['0.04'], { dailySpendLimit: '0.10', monthlySpendLimit: null })
    expect(() => spend.check(1, false)).not.toThrow()
    let refusal: unknown
    try {
      spend.check(3, false)
    } catch (error) {
      refusal = error
    }
    expect(refusal).toBeInstanceOf(UserFacingError)
    expect(refusal).toMatchObject({
      code: 'SPEND_LIMIT',
      message: expect.stringContaining('over your daily limit of $0.10'),
      data: { limit: 'daily', limitAmount: '0.10', spent: '0.04', after: '0.16', total: '0.12', variations: 3 },
    })
    expect(() => spend.check(3, true)).not.toThrow()
  })

  it('asks nothing in Demo mode, where nothing is charged', () => {
    const demo = guard(['0.04'], { dailySpendLimit: '0.01', monthlySpendLimit: '0.01' }, false)
    expect(demo.quote(4)).toMatchObject({ total: '0.16', wouldExceed: null })
    expect(() => demo.check(4, false)).not.toThrow()
  })
})
