/** Seeded randomness for the fault knobs, so a test run with the same seed misbehaves the same way. */

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for rolling fault dice. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Dice {
  /** True with probability `rate` (0 never, 1 always). */
  chance(rate: number): boolean
}

export function createDice(seed: number): Dice {
  const next = mulberry32(seed)
  return {
    chance(rate) {
      if (!(rate > 0)) return false
      if (rate >= 1) return true
      return next() < rate
    },
  }
}
