/**
 * The spending checks behind `generation.quote` and `generation.create`: the
 * core, not only the UI, refuses a generation that would pass a daily or
 * monthly limit unless the user confirmed it.
 */
import type { GenerationQuote, Settings, SpendSummary } from '../../../../shared/contract'
import type { Generation } from '../../../../shared/domain'
import { UserFacingError } from '../../ipc/errors'
import type { Clock } from '../../ports'
import { computeQuote, overLimitMessage } from './quote'

/** How many recent generations are searched for the last price the provider charged. */
const PRICE_LOOKBACK = 50

export interface SpendGuardDeps {
  /** Newest first (the library's listGenerations). */
  recentGenerations(limit: number): readonly Pick<Generation, 'price'>[]
  spendSummary(now: Date): Pick<SpendSummary, 'today' | 'thisMonth'>
  settings(): Pick<Settings, 'dailySpendLimit' | 'monthlySpendLimit'>
  /** False in Demo mode: nothing is charged there, so no limit is asked about. */
  limitsApply(): boolean
  clock: Clock
}

export interface SpendGuard {
  quote(variations: number): GenerationQuote
  /** Throws SPEND_LIMIT (with the quote's facts as data) when a limit would be passed and the user did not confirm. */
  check(variations: number, confirmed: boolean): void
}

export function createSpendGuard(deps: SpendGuardDeps): SpendGuard {
  function quote(variations: number): GenerationQuote {
    const spent = deps.spendSummary(new Date(deps.clock.now()))
    const settings = deps.limitsApply() ? deps.settings() : { dailySpendLimit: null, monthlySpendLimit: null }
    const unitPrice = deps.recentGenerations(PRICE_LOOKBACK).find((g) => g.price !== null)?.price ?? null
    return computeQuote({
      unitPrice,
      variations,
      today: spent.today,
      thisMonth: spent.thisMonth,
      limits: { daily: settings.dailySpendLimit, monthly: settings.monthlySpendLimit },
    })
  }

  return {
    quote,
    check(variations, confirmed) {
      if (confirmed) return
      const current = quote(variations)
      if (!current.wouldExceed) return
      throw new UserFacingError('SPEND_LIMIT', overLimitMessage(current.wouldExceed, current), {
        ...current.wouldExceed,
        total: current.total,
        variations: current.variations,
      })
    },
  }
}
