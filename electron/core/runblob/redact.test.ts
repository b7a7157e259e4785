import { describe, expect, it } from 'vitest'
import { causeCode, redactSecret, sanitizeCause } from './redact'

const KEY = 'sk-very-secret-123'

describe('redactSecret', () => {
  it('replaces every occurrence', () => {
    expect(redactSecret(`a ${KEY} b ${KEY}`, KEY)).toBe('a *** b ***')
    expect(redactSecret('nothing here', KEY)).toBe('nothing here')
    expect(redactSecret('no key set', null)).toBe('no key set')
  })
})

describe('sanitizeCause', () => {
  it('keeps names, codes and nested aggregate errors, drops everything else', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), {
        code: 'ECONNREFUSED',
        address,
        headers: { authorization: KEY },
      })
    const aggregate = Object.assign(new AggregateError([refused('::1'), refused('127.0.0.1')], 'all failed'), {
      code: 'ECONNREFUSED',
    })
    const error = new TypeError(`fetch failed ${KEY}`, { cause: aggregate })

    const clean = sanitizeCause(error, KEY)
    expect(clean?.name).toBe('TypeError')
    expect(clean?.message).toBe('fetch failed ***')
    const inner = clean?.cause as Error & { code?: string; errors?: (Error & { code?: string })[] }
    expect(inner.code).toBe('ECONNREFUSED')
    expect(inner.errors?.map((e) => e.code)).toEqual(['ECONNREFUSED', 'ECONNREFUSED'])
    expect(inner.errors?.[0]).not.toHaveProperty('headers')
    expect(inner.errors?.[0]).not.toHaveProperty('address')
    expect(causeCode(clean)).toBe('ECONNREFUSED')
  })

  it('is bounded on deep or odd chains', () => {
    let deep: Error = new Error('bottom')
    for (let i = 0; i < 20; i++) deep = new Error(`level ${i}`, { cause: deep })
    let depth = 0
    for (let current: unknown = sanitizeCause(deep, null); current; current = (current as Error).cause) depth++
    expect(depth).toBeLessThanOrEqual(4)
    expect(sanitizeCause('a string', null)?.message).toBe('a string')
    expect(sanitizeCause(undefined, null)).toBeUndefined()
  })
})
