import { describe, expect, it } from 'vitest'
import { insertChunks, MAX_INSERT_CHUNK } from './statements'

describe('insertChunks', () => {
  it('covers any count with few, power-of-two shapes', () => {
    for (const count of [0, 1, 3, 4, 255, 256, 257, 1000, 100_000]) {
      const chunks = insertChunks(count)
      expect(chunks.reduce((a, b) => a + b, 0)).toBe(count)
      for (const size of chunks) expect(Number.isInteger(Math.log2(size)) && size <= MAX_INSERT_CHUNK).toBe(true)
    }
    expect(insertChunks(1000)).toEqual([256, 256, 256, 128, 64, 32, 8])
  })
})
