import { describe, expect, it } from 'vitest'
import {
  compareDecimals,
  formatMicros,
  MoneyFormatError,
  parseMicros,
  parseMicrosRoundedHalfUp,
  sumDecimals,
  tryParseMicros,
} from './decimal'

describe('parseMicros', () => {
  it('parses decimal strings exactly', () => {
    expect(parseMicros('0.0123')).toBe(12_300n)
    expect(parseMicros('0.04')).toBe(40_000n)
    expect(parseMicros('1')).toBe(1_000_000n)
    expect(parseMicros('12.345678')).toBe(12_345_678n)
    expect(parseMicros('0.04000000')).toBe(40_000n)
    expect(parseMicros(' 3.5 ')).toBe(3_500_000n)
  })

  it('rejects more than 6 significant decimals instead of rounding silently', () => {
    expect(() => parseMicros('0.0000001')).toThrow(MoneyFormatError)
    expect(tryParseMicros('0.1234567')).toBeNull()
  })

  it('rejects text that is not a plain decimal', () => {
    for (const bad of ['', '.5', '1.', '1e3', '0x10', 'abc', '1,5', 'NaN', '1.2.3']) {
      expect(() => parseMicros(bad), bad).toThrow(MoneyFormatError)
    }
  })
})

describe('parseMicrosRoundedHalfUp', () => {
  it('rounds explicitly and says so', () => {
    expect(parseMicrosRoundedHalfUp('0.0000005')).toEqual({ micros: 1n, rounded: true })
    expect(parseMicrosRoundedHalfUp('0.0000004')).toEqual({ micros: 0n, rounded: true })
    expect(parseMicrosRoundedHalfUp('0.0123')).toEqual({ micros: 12_300n, rounded: false })
    expect(parseMicrosRoundedHalfUp('0.9999995')).toEqual({ micros: 1_000_000n, rounded: true })
  })
})

describe('formatMicros', () => {
  it('gives the shortest exact decimal', () => {
    expect(formatMicros(300_000n)).toBe('0.3')
    expect(formatMicros(123_000_000n)).toBe('123')
    expect(formatMicros(0n)).toBe('0')
    expect(formatMicros(1n)).toBe('0.000001')
    expect(formatMicros(-1_500_000n)).toBe('-1.5')
    expect(formatMicros(12_300)).toBe('0.0123')
  })

  it('pads for display when asked', () => {
    expect(formatMicros(300_000n, 2)).toBe('0.30')
    expect(formatMicros(0n, 2)).toBe('0.00')
    expect(formatMicros(12_300n, 2)).toBe('0.0123')
  })

  it('refuses numbers that are not safe integers', () => {
    expect(() => formatMicros(0.5)).toThrow(RangeError)
    expect(() => formatMicros(2 ** 60)).toThrow(RangeError)
  })

  it('round-trips beyond the float range', () => {
    const huge = 123_456_789_012_345_678_901n
    expect(parseMicros(formatMicros(huge))).toBe(huge)
  })
})

describe('sums', () => {
  it('adds without floating point error', () => {
    expect(0.1 + 0.1 + 0.1).not.toBe(0.3) // the reason this module exists
    expect(sumDecimals(['0.1', '0.1', '0.1'])).toBe('0.3')
    expect(sumDecimals(Array.from({ length: 10_000 }, () => '0.0123'))).toBe('123')
    expect(sumDecimals([])).toBe('0')
  })

  it('compares exactly', () => {
    expect(compareDecimals('0.30', '0.3')).toBe(0)
    expect(compareDecimals('0.0123', '0.04')).toBe(-1)
    expect(compareDecimals('10', '9.999999')).toBe(1)
  })
})
