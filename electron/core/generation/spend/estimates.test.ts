import { describe, expect, it } from 'vitest'
import { computeEstimates, median } from './estimates'

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull()
    expect(median([5])).toBe(5)
    expect(median([9, 1, 5])).toBe(5)
    expect(median([4, 1, 3, 2])).toBe(3) // 2.5 rounded
    expect(median([60_000, 70_000, 900_000])).toBe(70_000) // one stalled task does not drag it
  })

  it('ignores values that are not durations', () => {
    expect(median([Number.NaN, -1, 10])).toBe(10)
  })
})

describe('computeEstimates', () => {
  it('groups by aspect ratio and reference count, by ratio, and overall', () => {
    const estimates = computeEstimates([
      { aspectRatio: '4:3', references: 0, ms: 60_000 },
      { aspectRatio: '4:3', references: 0, ms: 80_000 },
      { aspectRatio: '4:3', references: 2, ms: 150_000 },
      { aspectRatio: 'auto', references: 0, ms: 40_000 },
    ])
    expect(estimates.groups).toEqual(
      expect.arrayContaining([
        { aspectRatio: '4:3', references: 0, medianMs: 70_000, samples: 2 },
        { aspectRatio: '4:3', references: 2, medianMs: 150_000, samples: 1 },
        { aspectRatio: 'auto', references: 0, medianMs: 40_000, samples: 1 },
      ]),
    )
    expect(estimates.groups).toHaveLength(3)
    expect(estimates.byAspectRatio).toEqual(
      expect.arrayContaining([
        { aspectRatio: '4:3', medianMs: 80_000, samples: 3 },
        { aspectRatio: 'auto', medianMs: 40_000, samples: 1 },
      ]),
    )
    expect(estimates.overall).toEqual({ medianMs: 70_000, samples: 4 })
  })

  it('has nothing to say without history', () => {
    expect(computeEstimates([])).toEqual({ groups: [], byAspectRatio: [], overall: null })
  })
})
