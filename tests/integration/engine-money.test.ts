/**
 * The fault matrix where money is at stake: 402 in the middle of a batch, a POST
 * whose answer is lost after the task was created (never re-sent), and the
 * 401 / no-key pauses that must not lose or re-send anything.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_API_KEY } from '../../electron/core/simulator'
import { harnessPerTest, expectWholeResult } from './engine-harness'

const openHarness = harnessPerTest('fault matrix (402, lost answers, 401, no key, 400)')

describe('task engine fault matrix: money', () => {
  it('on 402 mid-batch rejects that row and the rest of the batch unsent, and retry() after a top-up completes them', async () => {
    const h = await openHarness({ simulator: { credits: '0.0800' }, tuning: { maxConcurrentSubmits: 1 } })
    const ids = h.create(4).map((g) => g.id)
    const rows = await h.settle(ids)
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed', 'rejected', 'rejected'])

    const [, , refused, unsent] = rows
    expect(refused!.error).toEqual({
      code: 'INSUFFICIENT_CREDITS',
      message: 'Not enough credits on your runblob account. Nothing was charged for this image; top up, then retry.',
      detail: 'INSUFFICIENT_CREDITS',
    })
    expect(unsent!.error?.code).toBe('INSUFFICIENT_CREDITS')
    expect(unsent!.error?.message).toMatch(/ran out of credits while this batch was being sent. Nothing was charged/)
    expect(refused!.taskUuid).toBeNull()
    expect(refused!.price).toBeNull()
    // Three POSTs: two charged, one refused; the fourth row was never sent.
    expect(h.posts()).toBe(3)
    expect(h.sim.tasks()).toHaveLength(2)
    expect(h.library.spendSummary(new Date()).total).toBe('0.08')

    h.sim.setCredits(null)
    for (const row of [refused!, unsent!]) expect(h.engine.retry(row.id).status).toBe('queued')
    const retried = await h.settle([refused!.id, unsent!.id])
    expect(retried.map((r) => r.status)).toEqual(['completed', 'completed'])
    for (const row of retried) await expectWholeResult(h.dataDir, row)
    expect(h.sim.tasks()).toHaveLength(4)
  })

  it('marks a POST whose answer was lost as unknown and never re-sends it, even across a restart', async () => {
    const h = await openHarness()
    h.sim.setFaults({ resetAfterCreateRate: 1 })
    const ids = h.create(2).map((g) => g.id)
    const rows = await h.settle(ids)
    for (const row of rows) {
      expect(row.status).toBe('unknown')
      expect(row.taskUuid).toBeNull()
      expect(row.error?.code).toBe('OUTCOME_UNKNOWN')
      expect(row.error?.message).toMatch(/may have been charged. It was not sent again/)
    }
    // The simulator created (and charged) both; we got no uuid for either.
    expect(h.sim.tasks()).toHaveLength(2)
    expect(h.posts()).toBe(2)

    h.sim.setFaults({ resetAfterCreateRate: 0 })
    await h.engine.stop()
    h.engine.start()
    const marker = h.create(1)[0]!
    await h.settle([marker.id])
    // Only the new row was posted: the unknown ones stay as they are.
    expect(h.posts()).toBe(3)
    expect(ids.map((id) => h.row(id).status)).toEqual(['unknown', 'unknown'])
    expect(() => h.engine.retry(ids[0]!)).toThrow(/may already have been charged/)
  })

  it('pauses on 401 until credentialsChanged(), sending nothing meanwhile, then completes', async () => {
    const h = await openHarness({ apiKey: 'a-wrong-key' })
    const ids = h.create(2).map((g) => g.id)
    await h.waitFor('the unauthorized pause', () => h.engine.state().reason === 'unauthorized')
    const paused = h.engine.state()
    expect(paused).toMatchObject({ state: 'paused', reason: 'unauthorized', retryAt: null })
    expect(paused.message).toMatch(/refused the API key/)
    await h.waitFor('the refused row to go back to queued', () => ids.every((id) => h.row(id).status === 'queued'))
    expect(ids.some((id) => h.row(id).retry?.reason === 'unauthorized')).toBe(true)

    const postsWhilePaused = h.posts()
    h.setApiKey(DEMO_API_KEY)
    // The key is fixed but the engine was not told: it must still wait (a short grace to prove it).
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect(h.posts()).toBe(postsWhilePaused)
    expect(h.engine.state().reason).toBe('unauthorized')

    h.engine.credentialsChanged()
    const rows = await h.settle(ids)
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed'])
    expect(h.engine.state().state).toBe('running')
    expect(h.sim.tasks()).toHaveLength(2)
  })

  it('pauses status checks on 401 without losing the task uuid', async () => {
    const h = await openHarness({ simulator: { pendingMs: 400 } })
    const [created] = h.create(1)
    await h.waitFor('a uuid', () => h.row(created!.id).taskUuid !== null)
    h.setApiKey('revoked-key')
    await h.waitFor('the unauthorized pause', () => h.engine.state().reason === 'unauthorized')
    expect(h.row(created!.id).status).toMatch(/pending|processing/)
    h.setApiKey(DEMO_API_KEY)
    h.engine.credentialsChanged()
    const [done] = await h.settle([created!.id])
    expect(done!.status).toBe('completed')
  })

  it('with no key, waits visibly (no_key) and starts once a key is configured', async () => {
    const h = await openHarness({ apiKey: null })
    const ids = h.create(1).map((g) => g.id)
    await h.waitFor('the no_key pause', () => h.engine.state().reason === 'no_key')
    expect(h.engine.state().message).toMatch(/No API key/)
    expect(h.row(ids[0]!).status).toBe('queued')
    expect(h.posts()).toBe(0)
    h.setApiKey(DEMO_API_KEY)
    h.engine.credentialsChanged()
    const rows = await h.settle(ids)
    expect(rows[0]!.status).toBe('completed')
  })

  it('rejects a 400 with the provider message, nothing charged', async () => {
    const h = await openHarness()
    const [created] = h.create(1, 'x'.repeat(4001))
    const [row] = await h.settle([created!.id])
    expect(row!.status).toBe('rejected')
    expect(row!.error?.code).toBe('INVALID_REQUEST')
    expect(row!.error?.message).toMatch(/runblob refused the request/)
    expect(h.sim.tasks()).toHaveLength(0)
  })
})
