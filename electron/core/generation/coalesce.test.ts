import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCoalescer } from './coalesce'

interface Item {
  id: string
  version: number
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('createCoalescer', () => {
  it('delivers a lone update promptly', () => {
    const flushes: Item[][] = []
    const coalescer = createCoalescer<Item>((items) => flushes.push(items), { intervalMs: 100, key: (i) => i.id })
    coalescer.push({ id: 'a', version: 1 })
    vi.advanceTimersByTime(0)
    expect(flushes).toEqual([[{ id: 'a', version: 1 }]])
  })

  it('keeps only the newest item per key, and flushes at most once per interval', () => {
    const flushes: Item[][] = []
    const coalescer = createCoalescer<Item>((items) => flushes.push(items), { intervalMs: 100, key: (i) => i.id })
    coalescer.push({ id: 'a', version: 1 })
    vi.advanceTimersByTime(0)
    coalescer.push({ id: 'a', version: 2 })
    coalescer.push({ id: 'b', version: 1 })
    coalescer.push({ id: 'a', version: 3 })
    vi.advanceTimersByTime(50)
    expect(flushes).toHaveLength(1)
    vi.advanceTimersByTime(50)
    expect(flushes).toHaveLength(2)
    expect(flushes[1]).toEqual([
      { id: 'b', version: 1 },
      { id: 'a', version: 3 },
    ])
  })

  it('bounds the event rate whatever the update rate (≤ 10/s at 100 ms)', () => {
    let flushes = 0
    let delivered = 0
    const coalescer = createCoalescer<Item>(
      (items) => {
        flushes += 1
        delivered += items.length
      },
      { intervalMs: 100, key: (i) => i.id },
    )
    for (let ms = 0; ms < 1000; ms++) {
      for (let k = 0; k < 5; k++) coalescer.push({ id: `task-${(ms * 5 + k) % 200}`, version: ms })
      vi.advanceTimersByTime(1)
    }
    coalescer.flushNow()
    expect(flushes).toBeLessThanOrEqual(11)
    expect(delivered).toBeLessThanOrEqual(200 * 11)
  })

  it('flushNow delivers at once; dispose drops what is pending and ignores later pushes', () => {
    const flushes: Item[][] = []
    const coalescer = createCoalescer<Item>((items) => flushes.push(items), { intervalMs: 100, key: (i) => i.id })
    coalescer.push({ id: 'a', version: 1 })
    coalescer.flushNow()
    expect(flushes).toHaveLength(1)
    coalescer.flushNow()
    expect(flushes).toHaveLength(1)
    coalescer.push({ id: 'b', version: 1 })
    coalescer.dispose()
    coalescer.push({ id: 'c', version: 1 })
    vi.advanceTimersByTime(1000)
    expect(flushes).toHaveLength(1)
  })
})
