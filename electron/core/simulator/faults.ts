import type { SimulatorFaults } from './types'

/** A well-behaved server: every knob off. */
export const NO_FAULTS: SimulatorFaults = {
  latencyMs: 0,
  errorRates: {},
  rateLimit: { rate: 0, retryAfterSeconds: null },
  maintenanceUntil: null,
  maintenanceRetryAfterSeconds: null,
  resetRate: 0,
  resetAfterCreateRate: 0,
  truncateDownloadRate: 0,
  corruptDownloadRate: 0,
  resultUrlTtlMs: null,
  unexpectedShapeRate: 0,
}

/** Applies a partial update; nested objects are replaced whole, so `{ errorRates: {} }` clears them. */
export function mergeFaults(current: SimulatorFaults, update: Partial<SimulatorFaults>): SimulatorFaults {
  const next: SimulatorFaults = { ...current }
  for (const key of Object.keys(update) as (keyof SimulatorFaults)[]) {
    const value = update[key]
    if (value !== undefined) Object.assign(next, { [key]: value })
  }
  return next
}

/** The status an API request is forced to answer with by `errorRates`, if any (lowest status rolled first). */
export function rollErrorStatus(
  errorRates: SimulatorFaults['errorRates'],
  chance: (rate: number) => boolean,
): number | null {
  const statuses = Object.keys(errorRates)
    .map(Number)
    .filter((status) => Number.isInteger(status))
    .sort((a, b) => a - b)
  for (const status of statuses) {
    if (chance(errorRates[status] ?? 0)) return status
  }
  return null
}
