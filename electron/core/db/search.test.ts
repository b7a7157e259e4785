import { describe, expect, it } from 'vitest'
import { toFtsQuery } from './search'

describe('toFtsQuery', () => {
  it('quotes every word and makes the last one a prefix', () => {
    expect(toFtsQuery('fo')).toBe('"fo"*')
    expect(toFtsQuery('red  fo')).toBe('"red" "fo"*')
  })

  it('treats a trailing space as a finished word', () => {
    expect(toFtsQuery('fox ')).toBe('"fox"')
  })

  it('has no query when there is no word', () => {
    expect(toFtsQuery('')).toBeNull()
    expect(toFtsQuery('   ')).toBeNull()
    expect(toFtsQuery('"*()-:^')).toBeNull()
  })

  it('turns FTS syntax into plain words', () => {
    expect(toFtsQuery('cat AND NOT "dog*" NEAR(x)')).toBe('"cat" "AND" "NOT" "dog" "NEAR" "x"*')
    expect(toFtsQuery('prompt:foo^')).toBe('"prompt" "foo"*')
  })

  it('keeps letters of every script', () => {
    expect(toFtsQuery('café 日本')).toBe('"café" "日本"*')
  })
})
