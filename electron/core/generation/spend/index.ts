/** What a generation will cost: money (quotes, spending limits) and time (estimates from history). */
export { computeQuote, dollars, overLimitMessage, type QuoteInput, type SpendLimits } from './quote'
export { createSpendGuard, type SpendGuard, type SpendGuardDeps } from './spendGuard'
export { computeEstimates, median, type DurationSample } from './estimates'
