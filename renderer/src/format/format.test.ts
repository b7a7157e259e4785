import { describe, expect, it } from 'vitest'
import { formatBytes } from './bytes'
import { formatPrice, parseSpendLimit } from './money'
import { formatDuration, formatElapsed, msBetween } from './time'

describe('formatBytes', () => {
  it('reads like a file manager', () => {
    expect(formatBytes(812)).toBe('812 B')
    expect(formatBytes(380_400)).toBe('380 KB')
    expect(formatBytes(4_200_000)).toBe('4.2 MB')
    expect(formatBytes(2_000_000)).toBe('2 MB')
    expect(formatBytes(null)).toBe('—')
  })
})

describe('formatPrice', () => {
  it('keeps the provider precision without floating point', () => {
    expect(formatPrice('0.04')).toBe('$0.04')
    expect(formatPrice('0.0123')).toBe('$0.0123')
    expect(formatPrice('0.1')).toBe('$0.10')
    expect(formatPrice('12')).toBe('$12.00')
    expect(formatPrice('0.10000000000000001')).toBe('$0.10000000000000001')
    expect(formatPrice(null)).toBeNull()
    expect(formatPrice('abc')).toBeNull()
  })

  it('parses spend limits as decimal strings', () => {
    expect(parseSpendLimit('')).toEqual({ ok: true, value: null })
    expect(parseSpendLimit(' $12.50 ')).toEqual({ ok: true, value: '12.50' })
    expect(parseSpendLimit('1e3').ok).toBe(false)
    expect(parseSpendLimit('-1').ok).toBe(false)
  })
})

describe('time', () => {
  it('formats ticking and finished durations', () => {
    expect(formatElapsed(7_400)).toBe('0:07')
    expect(formatElapsed(102_000)).toBe('1:42')
    expect(formatElapsed(3_725_000)).toBe('1:02:05')
    expect(formatDuration(48_000)).toBe('48 s')
    expect(formatDuration(125_000)).toBe('2 min 05 s')
    expect(msBetween('2026-01-01T00:00:00.000Z', '2026-01-01T00:01:30.000Z')).toBe(90_000)
    expect(msBetween(null, '2026-01-01T00:00:00.000Z')).toBeNull()
  })
})
