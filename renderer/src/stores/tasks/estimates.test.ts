import { describe, expect, it } from 'vitest'
import type { DurationEstimates } from '../../../../shared/contract'
import { DOCUMENTED_ESTIMATE, remainingText, typicalDuration, typicalText } from './estimates'

const estimates: DurationEstimates = {
  groups: [
    { aspectRatio: '4:3', references: 2, medianMs: 150_000, samples: 3 },
    { aspectRatio: '4:3', references: 0, medianMs: 70_000, samples: 5 },
  ],
  byAspectRatio: [{ aspectRatio: '4:3', medianMs: 90_000, samples: 8 }],
  overall: { medianMs: 100_000, samples: 10 },
}

describe('typicalDuration', () => {
  it('takes the most specific group with history', () => {
    expect(typicalDuration(estimates, { aspectRatio: '4:3', references: 2 })).toBe(150_000)
    expect(typicalDuration(estimates, { aspectRatio: '4:3', references: 1 })).toBe(90_000)
    expect(typicalDuration(estimates, { aspectRatio: '1:1', references: 0 })).toBe(100_000)
  })

  it('knows nothing without history', () => {
    expect(typicalDuration(null, { aspectRatio: 'auto', references: 0 })).toBeNull()
    expect(
      typicalDuration({ groups: [], byAspectRatio: [], overall: null }, { aspectRatio: 'auto', references: 0 }),
    ).toBeNull()
  })
})

describe('remainingText', () => {
  it('counts down from the typical time', () => {
    expect(remainingText(150_000, 30_000)).toBe('about 2 min left')
    expect(remainingText(150_000, 80_000)).toBe('about 1 min left')
    expect(remainingText(150_000, 120_000)).toBe('under a minute left')
    expect(remainingText(150_000, 149_000)).toBe('almost done')
    expect(remainingText(150_000, 400_000)).toBe('almost done')
  })

  it('falls back to the documented range', () => {
    expect(remainingText(null, 10_000)).toBe(DOCUMENTED_ESTIMATE)
    expect(DOCUMENTED_ESTIMATE).toBe('usually 1–3 min')
  })
})

describe('typicalText', () => {
  it('describes the typical time before sending', () => {
    expect(typicalText(null)).toBe('usually 1–3 min')
    expect(typicalText(20_000)).toBe('usually under a minute')
    expect(typicalText(130_000)).toBe('usually about 2 min')
  })
})
