import { describe, expect, it } from 'vitest'
import { othersToTrash, positionForKey, splitForKey, swap } from './arrange'

describe('compare arrangement', () => {
  it('swaps two positions and leaves the rest', () => {
    expect(swap(['a', 'b', 'c'], 0, 2)).toEqual(['c', 'b', 'a'])
    expect(swap(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'b', 'c'])
    expect(swap(['a', 'b'], 0, 3)).toEqual(['a', 'b'])
  })

  it('reads positions from the physical digit keys, within the panes shown', () => {
    expect(positionForKey('Digit1', 3)).toBe(0)
    expect(positionForKey('Numpad3', 3)).toBe(2)
    expect(positionForKey('Digit4', 3)).toBeNull()
    expect(positionForKey('Digit5', 4)).toBeNull()
    expect(positionForKey('KeyS', 4)).toBeNull()
  })

  it('moves the slider by steps and pages, clamped to 0–100', () => {
    expect(splitForKey(50, 'ArrowLeft')).toBe(45)
    expect(splitForKey(50, 'ArrowUp')).toBe(55)
    expect(splitForKey(10, 'PageDown')).toBe(0)
    expect(splitForKey(98, 'ArrowRight')).toBe(100)
    expect(splitForKey(40, 'Home')).toBe(0)
    expect(splitForKey(40, 'End')).toBe(100)
    expect(splitForKey(40, 'Enter')).toBeNull()
  })

  it('trashes the other results, never a reference that is only an input', () => {
    const panes = [
      { key: 'a', generationId: 'a' },
      { key: 'ref:1', generationId: null },
      { key: 'b', generationId: 'b' },
      { key: 'c', generationId: 'c' },
    ]
    expect(othersToTrash(panes, panes[2]!)).toEqual(['a', 'c'])
  })
})
