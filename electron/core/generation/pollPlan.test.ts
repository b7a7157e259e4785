import { describe, expect, it } from 'vitest'
import { nextPollDelay } from './decisions'
import {
  createDurationLearner,
  densityAndSurvival,
  durationQuantile,
  firstPollDelay,
  learnDurations,
  nextPlannedPoll,
} from './pollPlan'
import { DEFAULT_TUNING } from './types'
import { mulberry32 } from '../simulator/dice'

const tuning = DEFAULT_TUNING
const mid = () => 0.5

/** A seeded random source (mulberry32, the simulator's own), so every run is the same. */
const seeded = mulberry32

const uniformDurations = (count: number, random: () => number) =>
  Array.from({ length: count }, () => 60_000 + random() * 120_000)
const uniformModel = () => learnDurations(uniformDurations(50, seeded(7)), tuning)!

describe('learnDurations', () => {
  it('waits for enough finished tasks before it believes anything', () => {
    expect(learnDurations([90_000, 95_000], tuning)).toBeNull()
    expect(learnDurations(Array(tuning.minDurationSamples).fill(90_000), tuning)).not.toBeNull()
  })

  it('ignores impossible durations and keeps only the most recent samples', () => {
    const model = learnDurations([NaN, -5, 0, ...Array.from({ length: 80 }, (_, i) => 100_000 + i * 1000)], tuning)!
    expect(model.samples).toHaveLength(tuning.durationSamples)
    expect(model.samples[0]).toBe(100_000)
    expect([...model.samples]).toEqual([...model.samples].sort((a, b) => a - b))
  })

  it('makes a curve even from identical durations', () => {
    const model = learnDurations(Array(10).fill(90_000), tuning)!
    expect(model.bandwidthMs).toBeGreaterThan(1000)
    const { density, survival } = densityAndSurvival(model, 90_000)
    expect(survival).toBeCloseTo(0.5, 3)
    expect(density).toBeGreaterThan(0)
  })
})

describe('firstPollDelay', () => {
  it('is the fixed first delay without history', () => {
    expect(firstPollDelay(null, tuning, mid)).toBe(tuning.firstPollDelayMs)
  })

  it('waits for the early part of the recent durations, never past it', () => {
    const model = uniformModel()
    const early = durationQuantile(model, tuning.firstPollQuantile)
    expect(early).toBeGreaterThan(60_000)
    expect(early).toBeLessThan(75_000)
    for (const r of [0, 0.5, 0.999]) {
      const delay = firstPollDelay(model, tuning, () => r)
      expect(delay).toBeGreaterThanOrEqual(Math.round(early * 0.9))
      expect(delay).toBeLessThanOrEqual(Math.round(early))
    }
  })

  it('never looks sooner than the fixed first delay', () => {
    const model = learnDurations(Array(10).fill(1_000), tuning)!
    expect(firstPollDelay(model, tuning, mid)).toBe(tuning.firstPollDelayMs)
  })
})

describe('nextPlannedPoll', () => {
  // Durations around two minutes, ±10 s: a peaked distribution.
  const peaked = learnDurations(
    Array.from({ length: 40 }, (_, i) => 120_000 + ((i % 9) - 4) * 2_500),
    tuning,
  )!

  it('falls back to the fixed rule without history', () => {
    for (const age of [0, 60_000, 200_000])
      expect(nextPlannedPoll(age, null, tuning, mid)).toBe(nextPollDelay(age, tuning, mid))
  })

  it('thickens towards the expected completion and thins out past it', () => {
    const early = durationQuantile(peaked, tuning.firstPollQuantile)
    const late = durationQuantile(peaked, 1 - tuning.firstPollQuantile)
    const atEarly = nextPlannedPoll(early, peaked, tuning, mid)
    const atMedian = nextPlannedPoll(120_000, peaked, tuning, mid)
    const pastLate = nextPlannedPoll(late + 30_000, peaked, tuning, mid)
    expect(atMedian).toBeLessThan(atEarly)
    expect(pastLate).toBeGreaterThan(atMedian)
    expect(nextPlannedPoll(late + 60_000, peaked, tuning, mid)).toBeGreaterThanOrEqual(pastLate)
    for (const age of [early, 110_000, 120_000, 130_000, late, late + 5_000, late + 100_000]) {
      const delay = nextPlannedPoll(age, peaked, tuning, mid)
      expect(delay).toBeGreaterThanOrEqual(tuning.minPollIntervalMs)
      expect(delay).toBeLessThanOrEqual(tuning.pollIntervalCapMs)
    }
  })

  it('goes on from a first look jittered below the early quantile, instead of looking again at the quantile', () => {
    const early = durationQuantile(peaked, tuning.firstPollQuantile)
    const first = firstPollDelay(peaked, tuning, () => 0)
    expect(first).toBeLessThan(early)
    const next = nextPlannedPoll(first, peaked, tuning, mid, { dueAgeMs: first, sentAgeMs: first })
    // The plan's own spacing from there, not "wait for the quantile" (a request that buys almost nothing).
    expect(first + next).toBeGreaterThan(early + tuning.minPollIntervalMs)
  })

  it('waits for the early part again when it looked too soon (a resumed task)', () => {
    const early = durationQuantile(peaked, tuning.firstPollQuantile)
    expect(nextPlannedPoll(10_000, peaked, tuning, mid)).toBe(Math.round(early - 10_000))
  })

  it('keeps the planned ages when a check ran late, instead of pushing every later check back', () => {
    const onTime = nextPlannedPoll(110_000, peaked, tuning, mid)
    expect(onTime).toBeGreaterThan(tuning.minPollIntervalMs + 1_000)
    // The same check, due at 110 s but answered a second late: the next one stays where the plan put it.
    expect(nextPlannedPoll(111_000, peaked, tuning, mid, { dueAgeMs: 110_000, sentAgeMs: 110_800 })).toBe(
      onTime - 1_000,
    )
  })

  it('skips planned checks that a long delay has passed; requests stay at least the floor apart', () => {
    const early = durationQuantile(peaked, tuning.firstPollQuantile)
    for (const lateBy of [5_000, 20_000, 60_000]) {
      const sentAgeMs = early + lateBy - 500
      const delay = nextPlannedPoll(early + lateBy, peaked, tuning, mid, { dueAgeMs: early, sentAgeMs })
      expect(early + lateBy + delay - sentAgeMs).toBeGreaterThanOrEqual(tuning.minPollIntervalMs)
      expect(delay).toBeLessThanOrEqual(tuning.pollIntervalCapMs * 1.1)
    }
  })

  it('keeps the stalled rule', () => {
    expect(nextPlannedPoll(tuning.stalledAfterMs, peaked, tuning, mid)).toBe(tuning.stalledPollIntervalMs)
  })

  it('never comes closer than the fixed rule allows when that rule is faster (tests, demo)', () => {
    const fast = { ...tuning, pollIntervalMs: 80, pollIntervalCapMs: 200, minPollIntervalMs: 2_000 }
    const quick = learnDurations(
      Array.from({ length: 20 }, (_, i) => 400 + i * 5),
      fast,
    )!
    for (const age of [380, 420, 450, 600]) {
      const delay = nextPlannedPoll(age, quick, fast, mid)
      expect(delay).toBeGreaterThanOrEqual(Math.round(80 * 0.9))
      expect(delay).toBeLessThanOrEqual(Math.round(200 * 1.1))
    }
  })

  it('jitters, within ±10 %', () => {
    const random = seeded(3)
    const delays = new Set(Array.from({ length: 20 }, () => nextPlannedPoll(120_000, peaked, tuning, random)))
    const centre = nextPlannedPoll(120_000, peaked, tuning, mid)
    expect(delays.size).toBeGreaterThan(5)
    for (const delay of delays) expect(Math.abs(delay - centre)).toBeLessThanOrEqual(centre * 0.1 + 1)
  })
})

describe('the plan against the docs’ fixed 10-second poller (fake time, seeded)', () => {
  /** Requests and notice delay for one task finishing at `duration`, given a schedule of checks. */
  function simulate(duration: number, first: number, next: (age: number) => number) {
    let age = first
    let requests = 1
    while (age < duration) {
      age += next(age)
      requests += 1
    }
    return { requests, delay: age - duration }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

  it('spends fewer requests and notices sooner on durations spread over 1–3 minutes', () => {
    const random = seeded(11)
    const model = learnDurations(uniformDurations(50, random), tuning)!
    const durations = uniformDurations(500, random)
    const docs = durations.map((d) => simulate(d, 0, () => 10_000))
    const planned = durations.map((d) =>
      simulate(d, firstPollDelay(model, tuning, random), (age) => nextPlannedPoll(age, model, tuning, random)),
    )
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
    // The target: fewer requests, a shorter median notice delay, one of them at ≤ 0.6×.
    expect(mean(planned.map((p) => p.requests))).toBeLessThan(mean(docs.map((p) => p.requests)))
    expect(median(planned.map((p) => p.delay))).toBeLessThan(0.6 * median(docs.map((p) => p.delay)))
  })
})

describe('the plan on a slow machine (fake time, seeded)', () => {
  /** Each check answers `lagMs` after it was due; the next is planned from that answer. */
  function simulate(duration: number, first: number, lagMs: number, next: (age: number, dueAge: number) => number) {
    let due = first
    let requests = 0
    for (;;) {
      requests += 1
      const answered = due + lagMs
      if (due >= duration) return { requests, delay: answered - duration }
      due = answered + next(answered, due)
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length

  it('pays a late answer once in notice delay, not again in every interval', () => {
    const random = seeded(13)
    const model = learnDurations(uniformDurations(50, random), tuning)!
    const durations = uniformDurations(400, random)
    const run = (lagMs: number) => {
      const r = seeded(17)
      const results = durations.map((d) =>
        simulate(d, firstPollDelay(model, tuning, r), lagMs, (age, dueAge) =>
          nextPlannedPoll(age, model, tuning, r, { dueAgeMs: dueAge, sentAgeMs: dueAge }),
        ),
      )
      return { requests: mean(results.map((x) => x.requests)), delay: median(results.map((x) => x.delay)) }
    }
    const quick = run(0)
    const slow = run(1_500)
    expect(slow.delay - quick.delay).toBeLessThan(1_500 * 1.25)
    expect(slow.requests).toBeGreaterThan(quick.requests * 0.9)
  })
})

describe('createDurationLearner', () => {
  it('reads the library once, then again only after the refresh interval', () => {
    let now = 0
    let stored = Array(7).fill(90_000)
    let loads = 0
    const learner = createDurationLearner(
      () => {
        loads += 1
        return stored
      },
      tuning,
      () => now,
    )
    expect(learner.model()).toBeNull()
    stored = [...stored, 100_000]
    now = tuning.durationRefreshMs - 1
    expect(learner.model()).toBeNull()
    expect(loads).toBe(1)
    now = tuning.durationRefreshMs
    expect(learner.model()?.samples).toHaveLength(8)
    expect(loads).toBe(2)
  })

  it('plans without history when the library cannot be read', () => {
    const learner = createDurationLearner(
      () => {
        throw new Error('disk gone')
      },
      tuning,
      () => 0,
    )
    expect(learner.model()).toBeNull()
  })
})
