/**
 * The fault matrix, API side: 5xx bursts, connection resets and "offline",
 * 429 with Retry-After, a 503 maintenance window. Each case checks the state the
 * user sees (row retry info, engine state and its message) and the end result.
 */
import { describe, expect, it } from 'vitest'
import type { Generation } from '../../shared/domain'
import { harnessPerTest, expectWholeResult, type Harness } from './engine-harness'

const openHarness = harnessPerTest('fault matrix (API)')

const retryReasons = (changes: Generation[]): string[] => changes.flatMap((g) => (g.retry ? [g.retry.reason] : []))

async function submitted(h: Harness, ids: string[]): Promise<void> {
  await h.waitFor('every task to have a uuid', () => ids.every((id) => h.row(id).taskUuid !== null))
}

describe('task engine fault matrix: API', () => {
  it('rides out a burst of 500/502 on status checks, showing why it waits', async () => {
    const h = await openHarness({ simulator: { pendingMs: 400, seed: 7 } })
    const ids = h.create(3).map((g) => g.id)
    await submitted(h, ids)
    h.sim.setFaults({ errorRates: { 500: 0.5, 502: 0.5 } })
    await h.waitFor('a row waiting on a server error', () => retryReasons(h.changes).includes('server_error'))
    const waiting = h.changes.find((g) => g.retry?.reason === 'server_error')!
    expect(waiting.retry!.attempt).toBeGreaterThanOrEqual(1)
    expect(Date.parse(waiting.retry!.at)).toBeGreaterThanOrEqual(Date.parse(waiting.updatedAt))
    h.sim.setFaults({ errorRates: {} })

    const rows = await h.settle(ids)
    for (const row of rows) {
      expect(row.status).toBe('completed')
      expect(row.retry).toBeNull()
      await expectWholeResult(h.dataDir, row)
    }
    expect(h.posts()).toBe(3)
  })

  it('treats connection resets on status checks as retryable, goes offline, and resumes by itself', async () => {
    const h = await openHarness({ simulator: { pendingMs: 300 } })
    const ids = h.create(2).map((g) => g.id)
    await submitted(h, ids)
    h.sim.setFaults({ resetRate: 1 })
    await h.waitFor('the engine to say it is offline', () => h.engine.state().reason === 'offline')
    const offline = h.engine.state()
    expect(offline.state).toBe('paused')
    expect(offline.message).toMatch(/No connection to runblob/)
    expect(offline.retryAt).not.toBeNull()
    expect(retryReasons(h.changes)).toContain('network')
    expect(retryReasons(h.changes)).toContain('offline')

    h.sim.setFaults({ resetRate: 0 })
    const rows = await h.settle(ids)
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed'])
    expect(h.engine.state().state).toBe('running')
    expect(h.states.some((s) => s.reason === 'offline')).toBe(true)
    expect(h.states.at(-1)).toEqual({ state: 'running', reason: null, message: null, retryAt: null })
    expect(h.posts()).toBe(2)
  })

  it('honours 429 Retry-After: the POST goes back to queued and is not re-sent before the time', async () => {
    const h = await openHarness()
    h.sim.setFaults({ rateLimit: { rate: 1, retryAfterSeconds: 1 } })
    const ids = h.create(2).map((g) => g.id)
    await h.waitFor('rows waiting on the rate limit', () =>
      ids.every((id) => h.row(id).retry?.reason === 'rate_limited'),
    )
    for (const id of ids) {
      const row = h.row(id)
      expect(row.status).toBe('queued')
      expect(row.taskUuid).toBeNull()
      expect(Date.parse(row.retry!.at) - Date.parse(row.updatedAt)).toBeGreaterThanOrEqual(1000)
    }
    h.sim.setFaults({ rateLimit: { rate: 0, retryAfterSeconds: null } })
    const rows = await h.settle(ids)
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed'])

    // Nothing was created by a 429, so re-sending was safe; but never sooner than Retry-After.
    expect(h.sim.tasks()).toHaveLength(2)
    const posts = h.sim.requests.filter((r) => r.method === 'POST')
    const limited = posts.filter((r) => r.responseStatus === 429)
    const accepted = posts.filter((r) => r.responseStatus === 201)
    expect(accepted).toHaveLength(2)
    const firstLimitedAt = Math.min(...limited.map((r) => r.at))
    for (const request of accepted) expect(request.at - firstLimitedAt).toBeGreaterThanOrEqual(950)
  })

  it('pauses everything during a 503 maintenance window and resumes by itself', async () => {
    const h = await openHarness()
    h.sim.setFaults({ maintenanceUntil: Date.now() + 700, maintenanceRetryAfterSeconds: 1 })
    const ids = h.create(2).map((g) => g.id)
    await h.waitFor('the maintenance pause', () => h.engine.state().reason === 'maintenance')
    const paused = h.engine.state()
    expect(paused.state).toBe('paused')
    expect(paused.message).toMatch(/maintenance/)
    expect(paused.retryAt).not.toBeNull()
    // Both POSTs may be in flight when the first 503 lands: wait for both answers, then both wait, queued.
    await h.waitFor('both rows to show the wait', () => ids.every((id) => h.row(id).retry?.reason === 'maintenance'))
    expect(ids.map((id) => h.row(id).status)).toEqual(['queued', 'queued'])

    // No intervention: the window closes and the engine carries on.
    const rows = await h.settle(ids)
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed'])
    expect(h.engine.state().state).toBe('running')
    expect(h.sim.tasks()).toHaveLength(2)
  })

  it('pauses status checks during maintenance too, then finishes the tasks', async () => {
    const h = await openHarness({ simulator: { pendingMs: 400 } })
    const ids = h.create(2).map((g) => g.id)
    await submitted(h, ids)
    h.sim.setFaults({ maintenanceUntil: Date.now() + 600, maintenanceRetryAfterSeconds: null })
    await h.waitFor('the maintenance pause', () => h.engine.state().reason === 'maintenance')
    const rows = await h.settle(ids)
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed'])
    expect(h.posts()).toBe(2)
  })
})
