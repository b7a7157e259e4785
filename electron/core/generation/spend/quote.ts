/**
 * What a generation is about to cost, and whether it would pass a spending
 * limit. Pure and exact: amounts are decimal strings turned into integer
 * micro-dollars (BigInt), never floats.
 */
import type { GenerationQuote, SpendLimitExceeded } from '../../../../shared/contract'
import { formatMicros, parseMicrosRoundedHalfUp } from '../../money'

export interface SpendLimits {
  daily: string | null
  monthly: string | null
}

export interface QuoteInput {
  /** The last price the provider charged for one task; null when none has been priced yet. */
  unitPrice: string | null
  variations: number
  /** Already spent today and this month (exact decimal strings). */
  today: string
  thisMonth: string
  limits: SpendLimits
}

/** Limits and prices may carry more than 6 decimals (a hand-edited setting); round those explicitly. */
const micros = (amount: string): bigint => parseMicrosRoundedHalfUp(amount).micros

function exceeds(
  limit: SpendLimitExceeded['limit'],
  limitAmount: string | null,
  spent: string,
  total: bigint | null,
): SpendLimitExceeded | null {
  if (limitAmount === null) return null
  const cap = micros(limitAmount)
  const already = micros(spent)
  if (total === null) {
    // The price is unknown until one task has been priced, but any charge passes a limit already reached.
    return already >= cap ? { limit, limitAmount, spent, after: null } : null
  }
  const after = already + total
  return after > cap ? { limit, limitAmount, spent, after: formatMicros(after) } : null
}

export function computeQuote(input: QuoteInput): GenerationQuote {
  const total = input.unitPrice === null ? null : micros(input.unitPrice) * BigInt(input.variations)
  // The nearer limit first: a day's limit is usually the one a person means.
  const wouldExceed =
    exceeds('daily', input.limits.daily, input.today, total) ??
    exceeds('monthly', input.limits.monthly, input.thisMonth, total)
  return {
    unitPrice: input.unitPrice === null ? null : formatMicros(micros(input.unitPrice)),
    variations: input.variations,
    total: total === null ? null : formatMicros(total),
    today: input.today,
    thisMonth: input.thisMonth,
    wouldExceed,
  }
}

/** "$0.16": at least two decimals, the provider's precision beyond that. */
export const dollars = (amount: string): string => `$${formatMicros(micros(amount), 2)}`

/** The refusal's sentence: which limit, what was spent, what it would become, and the limit. */
export function overLimitMessage(
  exceeded: SpendLimitExceeded,
  quote: Pick<GenerationQuote, 'variations' | 'total'>,
): string {
  const period = exceeded.limit === 'daily' ? 'Today' : 'This month'
  const limitName = exceeded.limit === 'daily' ? 'daily' : 'monthly'
  if (exceeded.after === null || quote.total === null) {
    return `${period}'s spending is already ${dollars(exceeded.spent)}, at or over your ${limitName} limit of ${dollars(exceeded.limitAmount)}.`
  }
  const what = quote.variations === 1 ? 'this image' : `these ${quote.variations} images`
  return `${period}'s spending is ${dollars(exceeded.spent)}; ${what} (≈ ${dollars(quote.total)}) would take it to ${dollars(exceeded.after)}, over your ${limitName} limit of ${dollars(exceeded.limitAmount)}.`
}
