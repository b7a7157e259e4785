/**
 * The core refuses a generation that would pass a spending limit (SPEND_LIMIT)
 * until the user confirms. This turns that refusal into the question the studio
 * asks; the error's data is checked, never trusted.
 */
import { z } from 'zod'
import { SpendLimitExceeded } from '../../../../shared/contract'
import { DecimalString } from '../../../../shared/domain'
import { isAtelierError } from '../../../../shared/result'
import { formatPrice } from '../../format/money'

const SpendLimitData = SpendLimitExceeded.extend({
  total: DecimalString.nullable().catch(null),
  variations: z.number().int().catch(1),
})

export type SpendLimitPrompt = z.infer<typeof SpendLimitData> & {
  /** The core's own sentence, kept for screen readers and logs. */
  message: string
}

export function spendLimitPromptFrom(error: unknown): SpendLimitPrompt | null {
  if (!isAtelierError(error) || error.code !== 'SPEND_LIMIT') return null
  const parsed = SpendLimitData.safeParse(error.data ?? {})
  return parsed.success ? { ...parsed.data, message: error.message } : null
}

/** "This would take today's spending to $0.16, over your daily limit of $0.10. Generate anyway?" */
export function spendLimitQuestion(prompt: SpendLimitPrompt): string {
  const period = prompt.limit === 'daily' ? "today's" : "this month's"
  const limitName = prompt.limit === 'daily' ? 'daily' : 'monthly'
  const limit = formatPrice(prompt.limitAmount) ?? `$${prompt.limitAmount}`
  if (prompt.after === null) {
    const spent = formatPrice(prompt.spent) ?? `$${prompt.spent}`
    const capitalised = period.charAt(0).toUpperCase() + period.slice(1)
    return `${capitalised} spending is already ${spent}, at or over your ${limitName} limit of ${limit}. Generate anyway?`
  }
  const after = formatPrice(prompt.after) ?? `$${prompt.after}`
  return `This would take ${period} spending to ${after}, over your ${limitName} limit of ${limit}. Generate anyway?`
}
