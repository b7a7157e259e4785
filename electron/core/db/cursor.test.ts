import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor } from './cursor'
import { LibraryError } from './errors'

describe('cursor', () => {
  it('round-trips a position', () => {
    const position = { createdAt: '2025-01-02T03:04:05.678Z', id: 'gen-1' }
    expect(decodeCursor(encodeCursor(position))).toEqual(position)
  })

  it('round-trips a price position', () => {
    const position = { createdAt: '2025-01-02T03:04:05.678Z', id: 'gen-1', price: 40_000 }
    expect(decodeCursor(encodeCursor(position))).toEqual(position)
    expect(decodeCursor(encodeCursor({ ...position, price: -1 }))).toEqual({ ...position, price: -1 })
  })

  it('refuses anything that is not one of ours', () => {
    for (const bad of [
      '',
      'not base64 !',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["2025-01-01T00:00:00.000Z","a",1.5]').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(LibraryError)
    }
  })
})
