import { describe, expect, it } from 'vitest'
import { FIT, PAN_STEP, panForKey, zoomAround, zoomForKey, zoomTransform } from './zoomPan'

describe('zoom and pan', () => {
  it('zooms around a point, keeping that point still, and never below fitted', () => {
    const zoomed = zoomAround(FIT, 2, { x: 100, y: -50 })
    expect(zoomed).toEqual({ scale: 2, x: -100, y: 50 })
    expect(zoomAround(zoomed, 0.25)).toEqual(FIT)
    expect(zoomAround(FIT, 100).scale).toBe(8)
  })

  it('maps + = − 0 to zoom steps and fit; other keys to nothing', () => {
    expect(zoomForKey(FIT, '+')?.scale).toBe(1.5)
    expect(zoomForKey(FIT, '=')?.scale).toBe(1.5)
    expect(zoomForKey({ scale: 2.25, x: 10, y: 0 }, '-')?.scale).toBeCloseTo(1.5)
    expect(zoomForKey({ scale: 3, x: 10, y: 4 }, '0')).toEqual(FIT)
    expect(zoomForKey(FIT, 'a')).toBeNull()
  })

  it('pans a zoomed image with the arrows; a fitted one stays put', () => {
    const zoomed = { scale: 2, x: 0, y: 0 }
    expect(panForKey(zoomed, 'ArrowRight')).toEqual({ scale: 2, x: PAN_STEP, y: 0 })
    expect(panForKey(zoomed, 'ArrowUp')).toEqual({ scale: 2, x: 0, y: -PAN_STEP })
    expect(panForKey(FIT, 'ArrowLeft')).toEqual(FIT)
    expect(panForKey(zoomed, 'Enter')).toBeNull()
    expect(zoomTransform({ scale: 2, x: 3, y: -4 })).toBe('translate(3px, -4px) scale(2)')
  })
})
