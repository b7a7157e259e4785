import { describe, expect, it } from 'vitest'
import { formatMicros, toMicros } from './money'

describe('money in micro-units', () => {
  it.each([
    ['0.0400', 40_000n],
    ['0.04', 40_000n],
    ['12', 12_000_000n],
    ['0.000001', 1n],
    ['1.2300000', 1_230_000n],
  ])('%s → %s', (text, micros) => {
    expect(toMicros(text)).toBe(micros)
  })

  it.each(['', 'abc', '-1', '1e-3', '0.0000001', '1,5'])('refuses %j', (text) => {
    expect(() => toMicros(text)).toThrow()
  })

  it('is exact where floating point is not', () => {
    let balance = toMicros('0.3')
    for (let i = 0; i < 3; i++) balance -= toMicros('0.1')
    expect(balance).toBe(0n)
    expect(formatMicros(balance)).toBe('0.0000')
  })

  it.each([
    [40_000n, '0.0400'],
    [1_230_000n, '1.2300'],
    [1n, '0.000001'],
    [12_000_000n, '12.0000'],
    [-40_000n, '-0.0400'],
  ])('formats %s as %s', (micros, text) => {
    expect(formatMicros(micros)).toBe(text)
  })
})
