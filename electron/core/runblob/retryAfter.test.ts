import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from './retryAfter'

const NOW = Date.parse('2025-01-01T12:00:00Z')

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    [' 7 ', 7_000],
    ['1.5', 1_500],
  ])('reads delay-seconds %j', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected)
  })

  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:01:30 GMT', NOW)).toBe(90_000)
  })

  it('never returns a negative delay for a date in the past', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', NOW)).toBe(0)
  })

  it.each([null, undefined, '', '   ', 'soon', '-5', '12abc'])('is null for %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeNull()
  })
})
