/**
 * When to look at a task next, learnt from how long recent tasks took.
 *
 * With no history the plan is the fixed rule (`nextPollDelay`). With enough
 * history the first look waits for the early part of the observed durations
 * (a low quantile), the looks then come closest together where results
 * usually arrive and thin out past the usual latest. The spacing minimises
 * "delay until we notice + cost of the requests": a check at age t is worth
 * making sooner the likelier the task is to finish right then, given that it
 * has not yet, which gives a spacing of √(2·cost·S(t)/f(t)) (S survival, f
 * density of the learnt distribution; f/S is the hazard). Pure: time and
 * randomness come in as arguments. See docs/task-engine.md.
 */
import { nextPollDelay } from './decisions'
import type { EngineTuning } from './types'

/** How long recent tasks took, smoothed into a distribution. */
export interface DurationModel {
  /** Ascending, in ms. */
  readonly samples: readonly number[]
  /** Gaussian kernel width for density and survival, in ms. */
  readonly bandwidthMs: number
}

type LearningTuning = Pick<EngineTuning, 'durationSamples' | 'minDurationSamples'>

/** The model, or null while there are too few finished tasks to learn from. */
export function learnDurations(durationsMs: readonly number[], tuning: LearningTuning): DurationModel | null {
  const samples = durationsMs
    .filter((ms) => Number.isFinite(ms) && ms > 0)
    .slice(0, tuning.durationSamples)
    .sort((a, b) => a - b)
  if (samples.length < Math.max(2, tuning.minDurationSamples)) return null
  const n = samples.length
  const mean = samples.reduce((sum, ms) => sum + ms, 0) / n
  const sd = Math.sqrt(samples.reduce((sum, ms) => sum + (ms - mean) ** 2, 0) / (n - 1))
  const iqr = quantileOf(samples, 0.75) - quantileOf(samples, 0.25)
  const spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd
  // Silverman's rule; never narrower than 2 % of the median, so identical samples still make a curve.
  const bandwidthMs = Math.max(0.9 * spread * n ** -0.2, 0.02 * quantileOf(samples, 0.5), 1)
  return { samples, bandwidthMs }
}

function quantileOf(sorted: readonly number[], p: number): number {
  const at = Math.min(Math.max(p, 0), 1) * (sorted.length - 1)
  const low = Math.floor(at)
  const high = Math.min(sorted.length - 1, low + 1)
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (at - low)
}

/** The duration below which a share `p` of recent tasks finished. */
export const durationQuantile = (model: DurationModel, p: number): number => quantileOf(model.samples, p)

const SQRT_2PI = Math.sqrt(2 * Math.PI)

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-x * x)
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf)
}

/** Density f(t) and survival S(t) = P(duration > t) of the smoothed distribution. */
export function densityAndSurvival(model: DurationModel, ageMs: number): { density: number; survival: number } {
  let density = 0
  let survival = 0
  for (const sample of model.samples) {
    const z = (ageMs - sample) / model.bandwidthMs
    density += Math.exp(-0.5 * z * z) / SQRT_2PI
    survival += 1 - normalCdf(z)
  }
  const n = model.samples.length
  return { density: density / (n * model.bandwidthMs), survival: survival / n }
}

type PlanTuning = Pick<
  EngineTuning,
  | 'firstPollDelayMs'
  | 'pollIntervalMs'
  | 'pollIntervalCapMs'
  | 'minPollIntervalMs'
  | 'pollRequestCostMs'
  | 'firstPollQuantile'
  | 'stalledAfterMs'
  | 'stalledPollIntervalMs'
>

/** A random factor in [1 − spread, 1 + spread): keeps many tasks from polling in lockstep. */
const jitter = (random: () => number, spread: number) =>
  1 - spread + 2 * spread * Math.min(Math.max(random(), 0), 0.999999)

/** The closest two checks may be: never closer than the fixed rule's own interval allows. */
const floorOf = (tuning: PlanTuning) => Math.min(tuning.minPollIntervalMs, tuning.pollIntervalMs)

/** The first look is jittered this share below the early quantile, never above it. */
const FIRST_POLL_SPREAD = 0.1

/** Delay from the POST's answer to the first status request. */
export function firstPollDelay(model: DurationModel | null, tuning: PlanTuning, random: () => number): number {
  if (!model) return tuning.firstPollDelayMs
  const early = durationQuantile(model, tuning.firstPollQuantile)
  // Jitter only downwards: the point is to look before the earliest usual finish, not after.
  const share = 1 - FIRST_POLL_SPREAD + FIRST_POLL_SPREAD * Math.min(Math.max(random(), 0), 1)
  return Math.round(Math.max(tuning.firstPollDelayMs, early * share))
}

/** The learnt spacing between two checks of a task `ageMs` old (no jitter, no clamping to "now"). */
function plannedSpacing(ageMs: number, model: DurationModel, tuning: PlanTuning, early: number, late: number): number {
  const floor = floorOf(tuning)
  const cap = Math.max(floor, tuning.pollIntervalCapMs)
  const clamp = (ms: number) => Math.min(cap, Math.max(floor, ms))
  // Past the usual latest: the learnt curve says nothing more; thin out towards the fixed rule's cap.
  if (ageMs > late) return clamp(floor + (ageMs - late) / 2)
  const { density, survival } = densityAndSurvival(model, ageMs)
  return clamp(density > 0 ? Math.sqrt((2 * tuning.pollRequestCostMs * survival) / density) : cap)
}

/** Where the check being answered stood in the plan, as task ages. */
export interface CheckAges {
  /** The age this check was planned for. */
  dueAgeMs: number
  /** The age at which its request was sent (at or after `dueAgeMs`). */
  sentAgeMs: number
}

/**
 * Delay from a "still working" answer (the task being `ageMs` old) to the next status request.
 *
 * The plan is a schedule of ages, walked from where the answered check was due: a
 * check that ran late (a busy machine, a full poll lane, a slow reply) does not push
 * every later check back, as measuring from the answer would; the lag is paid once
 * in notice delay, not again in every interval. Requests of one task are never sent
 * closer together than the floor, and a planned age already passed is skipped.
 */
export function nextPlannedPoll(
  ageMs: number,
  model: DurationModel | null,
  tuning: PlanTuning,
  random: () => number,
  check: CheckAges = { dueAgeMs: ageMs, sentAgeMs: ageMs },
): number {
  if (ageMs >= tuning.stalledAfterMs || !model) return nextPollDelay(ageMs, tuning, random)
  const floor = floorOf(tuning)
  const early = durationQuantile(model, tuning.firstPollQuantile)
  const late = durationQuantile(model, 1 - tuning.firstPollQuantile)

  // The plan starts where the first look may fall; a look before that (a resumed task, a
  // retry after a failed request) waits for the early part again. A first look jittered a
  // little below the quantile is the plan's start, not a look too soon: sending another at
  // the quantile would cost every task one request for nothing.
  const start = early * (1 - FIRST_POLL_SPREAD)
  if (ageMs < start) return Math.round(Math.max(floor, early - ageMs) * jitter(random, 0.05))
  const sent = Math.min(check.sentAgeMs, ageMs)
  const notBefore = Math.max(ageMs + 1, sent + floor)
  let at = Math.min(Math.max(check.dueAgeMs, start), sent)
  for (let step = 0; step < 10_000 && at < notBefore; step++)
    at += Math.max(floor, plannedSpacing(at, model, tuning, early, late) * jitter(random, 0.1))
  return Math.round(Math.min(at - ageMs, Math.max(floor, tuning.pollIntervalCapMs) * 1.1))
}

/** The engine's memory of recent durations, read from the library. */
export interface DurationLearner {
  model(): DurationModel | null
}

/**
 * `load` gives the library's recent durations, newest first. They are read on
 * first use and again once `refreshMs` has passed, not as each task finishes:
 * while many tasks run at once the first to finish are the short ones, and
 * learning from them at once would teach a distribution that is too short
 * (survivorship bias). A failure to read just means planning without history.
 */
export function createDurationLearner(
  load: () => readonly number[],
  tuning: LearningTuning & Pick<EngineTuning, 'durationRefreshMs'>,
  now: () => number,
): DurationLearner {
  let model: DurationModel | null = null
  let readAt: number | null = null
  return {
    model() {
      const at = now()
      if (readAt === null || at - readAt >= tuning.durationRefreshMs) {
        readAt = at
        try {
          model = learnDurations(load(), tuning)
        } catch {
          model = null
        }
      }
      return model
    },
  }
}
