import { describe, expect, it } from 'vitest'
import { geometry, MAX_SCROLL_HEIGHT, place } from './useGridWindow'

const VIEWPORT = 800
const rows = (rowCount: number) => ({ rowCount, rowHeight: 224, padding: 24, overscan: 2 })

describe('the grid window', () => {
  it('is the rows on screen plus the overscan, with nothing shifted, below the height cap', () => {
    const options = rows(2_000)
    const shape = geometry(options, VIEWPORT)
    expect(shape).toMatchObject({ height: 24 * 2 + 2_000 * 224, ratio: 1 })
    // Scrolled to row 100's top: rows 98..(100 + 800/224 → 103) + 2.
    expect(place(24 + 100 * 224, 24 + 100 * 224, VIEWPORT, true, options)).toEqual({
      firstRow: 98,
      lastRow: 105,
      shift: 0,
      forward: true,
    })
    expect(place(0, 0, VIEWPORT, true, options)).toMatchObject({ firstRow: 0, lastRow: 5 })
    const bottom = shape.virtualMax
    expect(place(bottom, bottom, VIEWPORT, true, options).lastRow).toBe(1_999)
  })

  it('compresses a million images into the cap, and the scrollbar maps proportionally onto every row', () => {
    const options = rows(200_000)
    const shape = geometry(options, VIEWPORT)
    expect(shape.virtualHeight).toBeGreaterThan(33_554_431)
    expect(shape.height).toBe(MAX_SCROLL_HEIGHT)
    expect(shape.ratio).toBeCloseTo((shape.virtualHeight - VIEWPORT) / (MAX_SCROLL_HEIGHT - VIEWPORT))
    // The scrollbar at 70 %: the rows 70 % of the way in, their real tops shifted back into the cap.
    const real = 0.7 * (shape.height - VIEWPORT)
    const at70 = place(real * shape.ratio, real, VIEWPORT, true, options)
    expect(at70.firstRow / 200_000).toBeCloseTo(0.7, 2)
    expect(at70.shift).toBeCloseTo(real * (shape.ratio - 1))
    // The scrollbar at the bottom: the last row is on screen.
    const end = shape.height - VIEWPORT
    expect(place(end * shape.ratio, end, VIEWPORT, true, options).lastRow).toBe(199_999)
  })
})
