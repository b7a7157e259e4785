import { describe, expect, it } from 'vitest'
import { computeBackoff, delayAfterRetryAfter } from './backoff'

describe('computeBackoff (full jitter)', () => {
  it('draws from [0, base·2^(attempt−1)) and never above the cap', () => {
    expect(computeBackoff(1, 1000, 60_000, () => 0.999)).toBe(999)
    expect(computeBackoff(2, 1000, 60_000, () => 0.999)).toBe(1998)
    expect(computeBackoff(3, 1000, 60_000, () => 0.5)).toBe(2000)
    expect(computeBackoff(10, 1000, 60_000, () => 0.999)).toBe(59_940)
    expect(computeBackoff(1, 1000, 60_000, () => 0)).toBe(0)
  })

  it('stays finite and capped for huge attempt numbers', () => {
    expect(computeBackoff(5000, 1000, 60_000, () => 0.5)).toBe(30_000)
  })

  it('treats attempt 0 or negative like the first retry, and clamps a bad random source', () => {
    expect(computeBackoff(0, 1000, 60_000, () => 0.5)).toBe(500)
    expect(computeBackoff(-3, 1000, 60_000, () => 0.5)).toBe(500)
    expect(computeBackoff(1, 1000, 60_000, () => 7)).toBe(1000)
    expect(computeBackoff(1, 1000, 60_000, () => -1)).toBe(0)
  })

  it('spreads a crowd: many draws cover the range', () => {
    const draws = Array.from({ length: 1000 }, () => computeBackoff(4, 100, 10_000))
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...draws)).toBeLessThan(800)
    expect(new Set(draws.map((d) => Math.floor(d / 100))).size).toBe(8)
  })
})

describe('delayAfterRetryAfter', () => {
  it('waits at least what the server asked, plus a little jitter', () => {
    expect(delayAfterRetryAfter(2000, 1000, () => 0)).toBe(2000)
    expect(delayAfterRetryAfter(2000, 1000, () => 0.999)).toBe(2499)
    expect(delayAfterRetryAfter(0, 1000, () => 0.5)).toBe(0)
  })
})
