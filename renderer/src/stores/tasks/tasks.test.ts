import { afterEach, describe, expect, it } from 'vitest'
import { setAtelierForTests } from '../../api/client'
import { AtelierError } from '../../../../shared/result'
import { createFakeCore, until } from '../../testing/fakeTransport'
import type { Generation } from '../../../../shared/domain'
import { makeGeneration } from '../../testing/fixtures'
import { applyGenerations } from './reducer'
import { bindTasksEvents, createTasksStore } from './store'
import { selectActiveCount, selectQueue } from './selectors'

afterEach(() => setAtelierForTests(null))

describe('applyGenerations', () => {
  it('ignores versions that are not newer and keeps newest first', () => {
    const older = makeGeneration({ status: 'pending', version: 3 })
    const newer = makeGeneration({ status: 'queued', version: 1 })
    let data = applyGenerations({ byId: {}, order: [] }, [older, newer])
    expect(data.order).toEqual([newer.id, older.id])

    const stale = { ...older, status: 'queued' as const, version: 2 }
    const same = { ...older, status: 'failed' as const, version: 3 }
    expect(applyGenerations(data, [stale, same])).toBe(data)

    data = applyGenerations(data, [{ ...older, status: 'processing', version: 4 }])
    expect(data.byId[older.id]?.status).toBe('processing')
    expect(data.order).toEqual([newer.id, older.id])
  })
})

describe('tasks store', () => {
  it('merges the snapshot with events that arrived before it', async () => {
    const now = Date.parse('2026-01-01T13:00:00.000Z')
    const running = makeGeneration({ status: 'processing', version: 5 })
    const recentDone = makeGeneration({
      status: 'completed',
      finishedAt: '2026-01-01T12:50:00.000Z',
      version: 9,
    })
    const oldDone = makeGeneration({ status: 'completed', finishedAt: '2025-12-30T12:00:00.000Z', version: 9 })
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const core = createFakeCore({
      'generation.list': async (input) => {
        await gate
        return input.statuses.length > 0
          ? { items: [running], nextCursor: null }
          : { items: [recentDone, oldDone], nextCursor: null }
      },
    })
    setAtelierForTests(core.api)
    const store = createTasksStore()
    bindTasksEvents(core.api, store)

    const loading = store.getState().loadSnapshot(now)
    // While the snapshot is in flight, the engine moves the task on.
    core.emit('generation.updated', { items: [{ ...running, status: 'downloading', version: 6 }] })
    release()
    await loading

    const state = store.getState()
    expect(state.status).toBe('ready')
    expect(state.byId[running.id]?.status).toBe('downloading')
    expect(selectQueue(state).map((g) => g.id)).toEqual([recentDone.id, running.id])
    expect(selectActiveCount(state)).toBe(1)
  })

  it('retries through the core and shows a refusal beside the item', async () => {
    const rejected = makeGeneration({ status: 'rejected', version: 2 })
    let refuse = false
    const core = createFakeCore({
      'generation.retry': ({ id }) => {
        if (refuse) throw new AtelierError({ code: 'NOT_RETRYABLE', message: 'This generation cannot be retried.' })
        return { ...rejected, id, status: 'queued', version: 3 }
      },
    })
    setAtelierForTests(core.api)
    const store = createTasksStore()
    store.getState().apply([rejected])
    await store.getState().retry(rejected.id)
    expect(store.getState().byId[rejected.id]?.status).toBe('queued')
    expect(store.getState().busy).toEqual({})

    refuse = true
    await store.getState().retry(rejected.id)
    expect(store.getState().actionErrors[rejected.id]?.message).toBe('This generation cannot be retried.')
    expect(store.getState().busy).toEqual({})
  })

  it('asks before a retry passes a spending limit, and tells the library what a confirmed one made', async () => {
    const failed = makeGeneration({ status: 'unknown', version: 2 })
    const made = makeGeneration({ status: 'queued', prompt: failed.prompt })
    const core = createFakeCore({
      'generation.retry': ({ confirmOverLimit }) => {
        if (!confirmOverLimit) {
          throw new AtelierError({
            code: 'SPEND_LIMIT',
            message: 'Over the monthly limit.',
            data: { limit: 'monthly', limitAmount: '1.00', spent: '1.00', after: null },
          })
        }
        return made
      },
    })
    setAtelierForTests(core.api)
    const retried: Generation[][] = []
    const store = createTasksStore({ onRetried: (generations) => retried.push(generations) })
    store.getState().apply([failed])
    expect(await store.getState().retry(failed.id)).toBeNull()
    expect(store.getState().retryLimit).toMatchObject({ id: failed.id, prompt: { limit: 'monthly', after: null } })
    expect(store.getState().actionErrors).toEqual({})
    // While the question is open, another click sends nothing.
    expect(await store.getState().retry(failed.id)).toBeNull()
    expect(core.callsOf('generation.retry')).toHaveLength(1)

    expect(await store.getState().confirmRetryOverLimit()).toEqual(made)
    expect(core.callsOf('generation.retry')).toEqual([
      { id: failed.id, confirmOverLimit: false },
      { id: failed.id, confirmOverLimit: true },
    ])
    expect(store.getState().retryLimit).toBeNull()
    expect(store.getState().byId[made.id]).toEqual(made)
    expect(retried).toEqual([[made]])
  })

  it('announces tasks that reach their end, once', () => {
    const store = createTasksStore()
    const g = makeGeneration({ status: 'processing', prompt: 'a kite', version: 1 })
    store.getState().apply([g])
    expect(store.getState().announcement).toBeNull()
    store.getState().apply([{ ...g, status: 'completed', version: 2 }])
    expect(store.getState().announcement).toBe('Image ready: a kite')
    store.getState().apply([{ ...g, status: 'completed', favorite: true, version: 3 }])
    expect(store.getState().announcement).toBe('Image ready: a kite')
  })

  it('learns the time estimates at start and again when a task completes', async () => {
    let asked = 0
    const core = createFakeCore({
      'generation.list': () => ({ items: [], nextCursor: null }),
      'generation.estimates': () => {
        asked++
        return { groups: [], byAspectRatio: [], overall: asked > 1 ? { medianMs: 50_000, samples: 1 } : null }
      },
    })
    setAtelierForTests(core.api)
    const store = createTasksStore()
    await store.getState().loadSnapshot()
    await until(() => asked === 1, 'the first estimates')
    const g = makeGeneration({ status: 'processing', version: 1 })
    store.getState().apply([g])
    store.getState().apply([{ ...g, status: 'failed', version: 2 }])
    expect(asked).toBe(1)
    const h = makeGeneration({ status: 'processing', version: 1 })
    store.getState().apply([h])
    store.getState().apply([{ ...h, status: 'completed', version: 2 }])
    await until(() => store.getState().estimates?.overall?.medianMs === 50_000, 'the re-learned estimates')
  })

  it('clears finished items from the queue only', () => {
    const store = createTasksStore()
    const done = makeGeneration({ status: 'failed' })
    const active = makeGeneration({ status: 'pending' })
    store.getState().apply([done, active])
    store.getState().clearFinished()
    expect(selectQueue(store.getState()).map((g) => g.id)).toEqual([active.id])
  })

  it('hides a generation once it is moved to the trash, and shows it again when restored', () => {
    const store = createTasksStore()
    const kept = makeGeneration({ status: 'completed', version: 1 })
    const trashed = makeGeneration({ status: 'completed', version: 1 })
    store.getState().apply([kept, trashed])
    store.getState().apply([{ ...trashed, deletedAt: new Date().toISOString(), version: 2 }])
    expect(selectQueue(store.getState()).map((g) => g.id)).toEqual([kept.id])
    store.getState().apply([{ ...trashed, deletedAt: null, version: 3 }])
    expect(selectQueue(store.getState())).toHaveLength(2)
  })
})
