/**
 * Choosing the time estimate for a task from the medians the core learned
 * (generation.estimates): the most specific group that has history — same
 * aspect ratio and number of references, then same aspect ratio, then all
 * tasks — and the provider's documented "1–3 minutes" when there is none.
 */
import type { DurationEstimates } from '../../../../shared/contract'
import type { AspectRatio } from '../../../../shared/domain'

export const DOCUMENTED_ESTIMATE = 'usually 1–3 min'

export interface EstimateKey {
  aspectRatio: AspectRatio
  references: number
}

/** The typical submit → completed time in ms for tasks like this one; null without history. */
export function typicalDuration(estimates: DurationEstimates | null, key: EstimateKey): number | null {
  if (!estimates) return null
  const exact = estimates.groups.find((g) => g.aspectRatio === key.aspectRatio && g.references === key.references)
  if (exact) return exact.medianMs
  const sameRatio = estimates.byAspectRatio.find((g) => g.aspectRatio === key.aspectRatio)
  if (sameRatio) return sameRatio.medianMs
  return estimates.overall?.medianMs ?? null
}

const minutes = (ms: number): number => Math.max(1, Math.round(ms / 60_000))

/** For a running task: "about 2 min left", "under a minute left", "almost done"; the documented range without history. */
export function remainingText(typicalMs: number | null, elapsedMs: number): string {
  if (typicalMs === null) return DOCUMENTED_ESTIMATE
  const remaining = typicalMs - Math.max(0, elapsedMs)
  if (remaining <= 5_000) return 'almost done'
  if (remaining < 45_000) return 'under a minute left'
  return `about ${minutes(remaining)} min left`
}

/** Before sending: "about 2 min", "under a minute"; the documented range without history. */
export function typicalText(typicalMs: number | null): string {
  if (typicalMs === null) return DOCUMENTED_ESTIMATE
  return typicalMs < 45_000 ? 'usually under a minute' : `usually about ${minutes(typicalMs)} min`
}
