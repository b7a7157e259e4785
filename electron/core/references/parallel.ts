/**
 * A tray's photos are prepared side by side, a few at a time. Each sharp
 * pipeline already uses `sharp.concurrency()` libvips threads, but JPEG
 * decoding is sequential inside one image, so whole images in parallel are
 * what fills the cores; more images at once than cores only adds memory (a
 * 24 MP decode is ~70 MB) and contention. sharp's work runs on libuv's thread
 * pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), which bounds it too.
 */
import { availableParallelism } from 'node:os'
import { MAX_REFERENCES } from '../../../shared/domain'

/** Images prepared at once: one per core, at most a full tray and at most libuv's thread pool. */
export function preparationConcurrency(
  cores = availableParallelism(),
  threadPool = Number(process.env.UV_THREADPOOL_SIZE) || 4,
): number {
  return Math.max(1, Math.min(MAX_REFERENCES, cores, threadPool))
}

export const PREPARATION_CONCURRENCY = preparationConcurrency()

/**
 * Runs at most `limit` tasks at once, the rest in the order they were given.
 * Each caller gets its own task's result or error; one failure stops nothing else.
 */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`)
  let running = 0
  const waiting: Array<() => void> = []
  const release = () => {
    running -= 1
    waiting.shift()?.()
  }
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running += 1
        Promise.resolve().then(task).then(resolve, reject).finally(release)
      }
      if (running < limit) start()
      else waiting.push(start)
    })
}
