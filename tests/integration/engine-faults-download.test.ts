/**
 * The fault matrix, download side: truncated and corrupt bodies are retried and
 * end whole; an expired result link ends retryable (status failed, code
 * RESULT_EXPIRED, link kept) and retry() completes it once the link works.
 */
import { describe, expect, it } from 'vitest'
import { harnessPerTest, expectWholeResult, tmpLeftovers } from './engine-harness'

const openHarness = harnessPerTest('fault matrix (downloads)')

describe('task engine fault matrix: downloads', () => {
  it('retries truncated and corrupt downloads and ends with whole files', async () => {
    const h = await openHarness({ tuning: { downloadAttempts: 10 } })
    h.sim.setFaults({ truncateDownloadRate: 1 })
    const ids = h.create(2).map((g) => g.id)
    await h.waitFor('a truncated download to be retried', () =>
      h.changes.some((g) => g.retry?.reason === 'download_failed' && g.status === 'downloading'),
    )
    const logged = () => h.logs.filter((l) => l.msg === 'download failed').map((l) => (l.obj as { kind: string }).kind)
    expect(logged()).toContain('truncated')
    h.sim.setFaults({ truncateDownloadRate: 0, corruptDownloadRate: 1 })
    await h.waitFor('a corrupt download to be refused', () => logged().includes('corrupt'))
    // While it fails, nothing half-made is in the library.
    for (const id of ids) expect(h.row(id).image).toBeNull()
    h.sim.setFaults({ corruptDownloadRate: 0 })

    const rows = await h.settle(ids)
    for (const row of rows) {
      expect(row.status).toBe('completed')
      expect(row.retry).toBeNull()
      await expectWholeResult(h.dataDir, row)
    }
    expect(await tmpLeftovers(h.dataDir)).toEqual([])
    expect(h.posts()).toBe(2)
  })

  it('leaves an expired result link retryable with the reason, and retry() completes it later', async () => {
    const h = await openHarness({ tuning: { downloadAttempts: 3 } })
    h.sim.setFaults({ resultUrlTtlMs: 0 })
    const [created] = h.create(1)
    const id = created!.id
    await h.waitFor('the expiry to show on the row', () =>
      h.changes.some((g) => g.id === id && g.status === 'downloading' && g.retry?.reason === 'result_expired'),
    )
    const [failed] = await h.settle([id])
    expect(failed!.status).toBe('failed')
    expect(failed!.error?.code).toBe('RESULT_EXPIRED')
    expect(failed!.error?.message).toMatch(/link to it no longer works/)
    expect(failed!.error?.detail).toMatch(/410/)
    expect(failed!.remoteUrl).toContain(failed!.taskUuid)
    expect(failed!.image).toBeNull()
    expect(await tmpLeftovers(h.dataDir)).toEqual([])

    h.sim.setFaults({ resultUrlTtlMs: null })
    const retried = h.engine.retry(id)
    expect(retried.status).toBe('downloading')
    expect(retried.error).toBeNull()
    const [done] = await h.settle([id])
    expect(done!.status).toBe('completed')
    expect(done!.taskUuid).toBe(failed!.taskUuid)
    await expectWholeResult(h.dataDir, done!)
    expect(h.posts()).toBe(1)
  })

  it('ends a download that keeps failing as DOWNLOAD_FAILED, retryable', async () => {
    const h = await openHarness({ tuning: { downloadAttempts: 2 } })
    h.sim.setFaults({ corruptDownloadRate: 1 })
    const [created] = h.create(1)
    const [failed] = await h.settle([created!.id])
    expect(failed!.status).toBe('failed')
    expect(failed!.error?.code).toBe('DOWNLOAD_FAILED')
    expect(failed!.error?.message).toMatch(/retry the download/)
    expect(failed!.remoteUrl).not.toBeNull()
    h.sim.setFaults({ corruptDownloadRate: 0 })
    h.engine.retry(created!.id)
    const [done] = await h.settle([created!.id])
    expect(done!.status).toBe('completed')
    await expectWholeResult(h.dataDir, done!)
  })
})
