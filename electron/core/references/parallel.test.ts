import { describe, expect, it } from 'vitest'
import { createLimiter, preparationConcurrency } from './parallel'

const deferred = () => {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('preparationConcurrency', () => {
  it('is one image per core, at most a full tray and at most the thread pool', () => {
    expect(preparationConcurrency(1, 4)).toBe(1)
    expect(preparationConcurrency(2, 4)).toBe(2)
    expect(preparationConcurrency(16, 4)).toBe(4)
    expect(preparationConcurrency(16, 2)).toBe(2)
    expect(preparationConcurrency(0, 4)).toBe(1)
  })
})

describe('createLimiter', () => {
  it('runs at most `limit` at once and starts the rest in the order given', async () => {
    const limit = createLimiter(2)
    const gates = [deferred(), deferred(), deferred(), deferred()]
    const started: number[] = []
    let running = 0
    let most = 0
    const results = gates.map((gate, i) =>
      limit(async () => {
        started.push(i)
        running += 1
        most = Math.max(most, running)
        await gate.promise
        running -= 1
        return `photo ${i}`
      }),
    )
    await tick()
    expect(started).toEqual([0, 1])
    gates[1]!.resolve()
    await tick()
    expect(started).toEqual([0, 1, 2])
    for (const gate of gates) gate.resolve()
    // Each caller gets its own result, in its own place, whatever finished first.
    await expect(Promise.all(results)).resolves.toEqual(['photo 0', 'photo 1', 'photo 2', 'photo 3'])
    expect(most).toBe(2)
  })

  it('gives each caller its own error and carries on with the others', async () => {
    const limit = createLimiter(1)
    const failing = limit(() => {
      throw new Error('not an image')
    })
    const fine = limit(async () => 'ok')
    await expect(failing).rejects.toThrow('not an image')
    await expect(fine).resolves.toBe('ok')
  })

  it('refuses a limit that would never run anything', () => {
    expect(() => createLimiter(0)).toThrow(RangeError)
    expect(() => createLimiter(1.5)).toThrow(RangeError)
  })
})
