import { describe, expect, it } from 'vitest'
import type { Logger } from '../ports'
import type { Lane } from './gate'
import { createScheduler, type Job } from './scheduler'
import { systemTimer } from './types'

const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => quiet }

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 2))
  if (!predicate()) throw new Error('condition not met')
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {}
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

describe('scheduler', () => {
  it('never runs more than the lane limit at once', async () => {
    let running = 0
    let peak = 0
    const gates: Array<() => void> = []
    const scheduler = createScheduler({
      limits: { submit: 2, poll: 3, download: 1 },
      canStart: () => true,
      run: async () => {
        running += 1
        peak = Math.max(peak, running)
        const step = deferred()
        gates.push(step.resolve)
        await step.promise
        running -= 1
      },
      timer: systemTimer,
      now: () => Date.now(),
      logger: quiet,
    })
    for (let i = 0; i < 10; i++) scheduler.schedule(`s${i}`, 'submit', 0)
    await until(() => running === 2)
    expect(scheduler.running('submit')).toBe(2)
    while (scheduler.size() > 0) {
      gates.shift()?.()
      await new Promise((resolve) => setTimeout(resolve, 1))
    }
    expect(peak).toBe(2)
  })

  it('holds ready jobs while the gate is closed, and starts them on pump()', async () => {
    let open = false
    const ran: string[] = []
    const scheduler = createScheduler({
      limits: { submit: 2, poll: 2, download: 2 },
      canStart: (lane: Lane) => open || lane === 'download',
      run: async (job: Job) => {
        ran.push(job.id)
      },
      timer: systemTimer,
      now: () => Date.now(),
      logger: quiet,
    })
    scheduler.schedule('p', 'poll', 0)
    scheduler.schedule('d', 'download', 0)
    await until(() => ran.includes('d'))
    expect(ran).toEqual(['d'])
    open = true
    scheduler.pump()
    await until(() => ran.includes('p'))
  })

  it('lets a running step schedule its next step, and forgets jobs that finish', async () => {
    const ran: string[] = []
    const scheduler = createScheduler({
      limits: { submit: 1, poll: 1, download: 1 },
      canStart: () => true,
      run: async (job: Job) => {
        ran.push(`${job.lane}:${job.id}`)
        if (job.lane === 'submit') scheduler.schedule(job.id, 'poll', Date.now() + 5)
      },
      timer: systemTimer,
      now: () => Date.now(),
      logger: quiet,
    })
    scheduler.schedule('a', 'submit', 0, { batchId: 'b1' })
    await until(() => ran.length === 2)
    expect(ran).toEqual(['submit:a', 'poll:a'])
    await until(() => scheduler.size() === 0)
  })

  it('keeps a job alive when its step throws (a bug must not drop a paid task)', async () => {
    let calls = 0
    const errors: unknown[] = []
    const logger: Logger = { ...quiet, error: (obj) => errors.push(obj) }
    const scheduler = createScheduler({
      limits: { submit: 1, poll: 1, download: 1 },
      canStart: () => true,
      run: async () => {
        calls += 1
        throw new Error('bug')
      },
      timer: systemTimer,
      now: () => Date.now(),
      logger,
    })
    scheduler.schedule('x', 'poll', 0)
    await until(() => errors.length === 1)
    await scheduler.settled()
    expect(scheduler.get('x')).toBeDefined()
    expect(scheduler.get('x')!.dueAt).toBeGreaterThan(Date.now())
    scheduler.halt()
    expect(calls).toBe(1)
  })

  it('halt() stops new steps; settled() waits for the running ones', async () => {
    const step = deferred()
    let finished = false
    const scheduler = createScheduler({
      limits: { submit: 1, poll: 1, download: 1 },
      canStart: () => true,
      run: async () => {
        await step.promise
        finished = true
      },
      timer: systemTimer,
      now: () => Date.now(),
      logger: quiet,
    })
    scheduler.schedule('a', 'poll', 0)
    scheduler.schedule('b', 'poll', 0)
    await until(() => scheduler.running('poll') === 1)
    scheduler.halt()
    const settled = scheduler.settled()
    step.resolve()
    await settled
    expect(finished).toBe(true)
    expect(scheduler.running()).toBe(0)
  })
})
