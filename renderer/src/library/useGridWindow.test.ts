import { describe, expect, it } from 'vitest'
import { FAST_SCREENS_PER_S, follow, geometry, MAX_SCROLL_HEIGHT, place, scrollSpeed } from './useGridWindow'

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

  it("compressed, moves the rows by a wheel's own distance, maps a jump proportionally and re-anchors near the ends", () => {
    const shape = geometry(rows(200_000), VIEWPORT)
    const realMax = shape.height - VIEWPORT
    // A wheel step from the top: 1:1, nothing to re-anchor (the true top is where real 0 is).
    expect(follow({ virtualTop: 0, realTop: 0 }, 120, VIEWPORT, shape)).toEqual({ virtualTop: 120, anchor: null })
    // The thumb dragged to 70 %: proportional.
    const at70 = 0.7 * realMax
    const jumped = follow({ virtualTop: 120, realTop: 120 }, at70, VIEWPORT, shape)
    expect(jumped).toEqual({ virtualTop: at70 * shape.ratio, anchor: null })
    // Wheeling on from there keeps the offset: the rows move by the wheel's distance.
    const step = follow({ virtualTop: jumped.virtualTop, realTop: at70 }, at70 + 300, VIEWPORT, shape)
    expect(step.virtualTop - jumped.virtualTop).toBeCloseTo(300)
    expect(step.anchor).toBeNull()
    // After a jump to 1 % and wheeling up near real 0, the true top would be out of reach: re-anchored
    // so that real px equal virtual px again (the rest of the way up is 1:1 to row 0).
    const at1 = 0.01 * realMax
    const virtual = at1 * shape.ratio
    const near = follow({ virtualTop: virtual, realTop: VIEWPORT * 4 }, VIEWPORT * 2, VIEWPORT, shape)
    expect(near.virtualTop).toBeCloseTo(virtual - VIEWPORT * 2)
    expect(near.anchor).toBe(Math.round(near.virtualTop))
    // Near the bottom the same, measured from the last row.
    const low = follow(
      { virtualTop: shape.virtualMax - VIEWPORT * 10, realTop: realMax - VIEWPORT * 2 - 100 },
      realMax - VIEWPORT * 2,
      VIEWPORT,
      shape,
    )
    expect(low.anchor).toBe(Math.round(realMax - VIEWPORT * 10 + 100))
    // A wheel's scroll stays 1:1 however far it went in one event (a busy frame); without one it is a jump.
    const far = follow({ virtualTop: 120, realTop: 120 }, 120 + VIEWPORT * 5, VIEWPORT, shape, true)
    expect(far).toEqual({ virtualTop: 120 + VIEWPORT * 5, anchor: null })
    expect(follow({ virtualTop: 120, realTop: 120 }, 120 + VIEWPORT * 5, VIEWPORT, shape).virtualTop).toBeCloseTo(
      (120 + VIEWPORT * 5) * shape.ratio,
    )
    // The ends of the real range are the ends of the rows.
    expect(follow({ virtualTop: at70 * shape.ratio, realTop: at70 }, realMax, VIEWPORT, shape, true).virtualTop).toBe(
      shape.virtualMax,
    )
    expect(follow({ virtualTop: 5_000, realTop: 40 }, 0, VIEWPORT, shape, true).virtualTop).toBe(0)
    // Below the cap there is nothing to map.
    expect(follow({ virtualTop: 0, realTop: 0 }, 5_000, VIEWPORT, geometry(rows(2_000), VIEWPORT))).toEqual({
      virtualTop: 5_000,
      anchor: null,
    })
  })

  it('measures how fast the rows travel over the last quarter second', () => {
    const viewport = 800
    // Reading: a tenth of a screen every 100 ms is a screen a second, well under a fling.
    const reading = [0, 100, 200].map((t, i) => [1000 + t, i * 80] as const)
    expect(scrollSpeed(reading, 1200, viewport)).toBeCloseTo(1)
    expect(scrollSpeed(reading, 1200, viewport)).toBeLessThan(FAST_SCREENS_PER_S)
    // A fling: ten screens a second, sampled every frame.
    const fling = Array.from({ length: 10 }, (_, i) => [1000 + i * 16, i * 128] as const)
    expect(scrollSpeed(fling, 1144, viewport)).toBeCloseTo(10)
    // Samples older than the window do not count; one sample says nothing.
    expect(scrollSpeed(fling, 1144 + 1000, viewport)).toBe(0)
    expect(scrollSpeed([[1000, 0]], 1000, viewport)).toBe(0)
  })
})
