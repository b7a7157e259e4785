/**
 * Durability without killing a process (the crash test does that): what start()
 * does with each ledger state, a graceful stop mid-flight, and a disk that
 * refuses writes at the worst moment.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryWriteError, type SqliteLibraryApi } from '../../electron/core/db'
import type { GenerationPatch, Library } from '../../electron/core/db/types'
import { createRunblobClient } from '../../electron/core/runblob/client'
import { DEMO_API_KEY } from '../../electron/core/simulator'
import { harnessPerTest, expectWholeResult, tmpLeftovers } from './engine-harness'

const openHarness = harnessPerTest()

/** The real library, except that some updates fail as a full disk would. */
function flaky(real: SqliteLibraryApi, fails: (id: string, patch: GenerationPatch) => boolean): Library {
  return new Proxy(real, {
    get(target, property) {
      if (property === 'updateGeneration') {
        return (id: string, patch: GenerationPatch) => {
          if (fails(id, patch)) {
            throw new LibraryWriteError('Atelier could not write to its library: the disk is full.', 'SQLITE_FULL')
          }
          return target.updateGeneration(id, patch)
        }
      }
      const value = Reflect.get(target, property) as unknown
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}

describe('task engine: resume and durability', () => {
  it('resumes every ledger state on start: submitting → unknown, queued → sent, pending → polled, downloading → fetched or found', async () => {
    const h = await openHarness({ start: false, simulator: { pendingMs: 100, processingMs: 100 } })
    const client = createRunblobClient({ baseUrl: h.sim.url, apiKey: () => DEMO_API_KEY })
    const [interrupted, queued, pending, downloading, alreadyStored] = h.create(5).map((g) => g.id) as [
      string,
      string,
      string,
      string,
      string,
    ]

    h.library.updateGeneration(interrupted, { status: 'submitting', submittedAt: new Date().toISOString() })
    const pendingTask = await client.generate({ prompt: 'made before the crash' })
    h.library.updateGeneration(pending, {
      status: 'pending',
      taskUuid: pendingTask.task_uuid,
      price: pendingTask.price,
      submittedAt: new Date().toISOString(),
    })
    const doneTask = await client.generate({ prompt: 'finished before the crash' })
    const storedTask = await client.generate({ prompt: 'stored before the crash' })
    await h.waitFor('the simulator to finish', () => h.sim.tasks().every((t) => t.status === 'completed'))
    const doneUrl = h.sim.tasks().find((t) => t.taskUuid === doneTask.task_uuid)!.resultImageUrl!
    const storedUrl = h.sim.tasks().find((t) => t.taskUuid === storedTask.task_uuid)!.resultImageUrl!
    h.library.updateGeneration(downloading, { status: 'downloading', taskUuid: doneTask.task_uuid, remoteUrl: doneUrl })
    // A crash after the image was renamed into place but before the row said so; its link has since expired.
    const png = Buffer.from(await (await fetch(storedUrl)).arrayBuffer())
    fs.writeFileSync(path.join(h.dataDir, 'images', `${alreadyStored}.png`), png)
    h.library.updateGeneration(alreadyStored, {
      status: 'downloading',
      taskUuid: storedTask.task_uuid,
      remoteUrl: `${h.sim.url}/files/expired.png`,
    })
    fs.writeFileSync(path.join(h.dataDir, 'tmp', `${downloading}.dead.image.part`), 'half a download')
    const postsBefore = h.posts()

    h.engine.start()
    const rows = await h.settle([interrupted, queued, pending, downloading, alreadyStored])
    const [unknownRow, queuedRow, pendingRow, downloadedRow, storedRow] = rows
    expect(unknownRow!.status).toBe('unknown')
    expect(unknownRow!.error?.message).toMatch(/closed while this request was being sent/)
    expect(queuedRow!.status).toBe('completed')
    expect(pendingRow!.status).toBe('completed')
    expect(pendingRow!.taskUuid).toBe(pendingTask.task_uuid)
    expect(downloadedRow!.status).toBe('completed')
    expect(storedRow!.status).toBe('completed')
    for (const row of [queuedRow!, pendingRow!, downloadedRow!, storedRow!]) await expectWholeResult(h.dataDir, row)
    // Only the queued row was sent; the interrupted one never again.
    expect(h.posts()).toBe(postsBefore + 1)
    expect(h.sim.requests.some((r) => r.path === '/files/expired.png')).toBe(false)
    expect(await tmpLeftovers(h.dataDir)).toEqual([])
  })

  it('stops mid-flight and carries on after start() without sending anything twice', async () => {
    const h = await openHarness({ simulator: { pendingMs: 300 } })
    const ids = h.create(4).map((g) => g.id)
    await h.waitFor('some tasks in flight', () => ids.some((id) => h.row(id).taskUuid !== null))
    await h.engine.stop()
    const statuses = ids.map((id) => h.row(id).status)
    expect(
      statuses.every((s) => ['queued', 'pending', 'processing', 'downloading', 'completed', 'unknown'].includes(s)),
    ).toBe(true)
    h.engine.start()
    const rows = await h.settle(ids)
    const unknown = rows.filter((r) => r.status === 'unknown').length
    expect(rows.filter((r) => r.status === 'completed')).toHaveLength(4 - unknown)
    expect(h.posts()).toBe(4)
    expect(h.sim.tasks()).toHaveLength(4)
  })

  it('keeps a task uuid the disk refused to record, pauses with a clear reason, and writes it once the disk works', async () => {
    let refusals = 3
    const h = await openHarness({
      wrapLibrary: (real) =>
        flaky(real, (_id, patch) => {
          if (typeof patch.taskUuid === 'string' && refusals > 0) {
            refusals -= 1
            return true
          }
          return false
        }),
    })
    const ids = h.create(2).map((g) => g.id)
    await h.waitFor('the storage pause', () => h.states.some((s) => s.reason === 'storage'))
    const paused = h.states.find((s) => s.reason === 'storage')!
    expect(paused.state).toBe('paused')
    expect(paused.message).toMatch(/cannot write to its library.*disk is full.*no task is lost/)
    const loud = h.logs.find((l) => l.level === 'error' && l.msg?.includes('LIBRARY WRITE FAILED'))
    expect((loud?.obj as { taskUuid?: string }).taskUuid).toMatch(/^[0-9a-f-]{36}$/)

    const rows = await h.settle(ids)
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed'])
    expect(refusals).toBe(0)
    const simulated = new Set(h.sim.tasks().map((t) => t.taskUuid))
    expect(new Set(rows.map((r) => r.taskUuid))).toEqual(simulated)
    expect(h.posts()).toBe(2)
    expect(h.engine.state().state).toBe('running')
  })

  it('does not POST when the intent cannot be written, and sends once it can', async () => {
    let refusals = 2
    const h = await openHarness({
      wrapLibrary: (real) =>
        flaky(real, (_id, patch) => {
          if (patch.status === 'submitting' && refusals > 0) {
            refusals -= 1
            return true
          }
          return false
        }),
    })
    const [created] = h.create(1)
    const [row] = await h.settle([created!.id])
    expect(refusals).toBe(0)
    expect(row!.status).toBe('completed')
    expect(h.posts()).toBe(1)
    expect(h.states.some((s) => s.reason === 'storage')).toBe(true)
  })
})

describe('task engine: a task the provider does not know', () => {
  it('ends as TASK_NOT_FOUND with its uuid kept, and retry() looks again', async () => {
    const h = await openHarness({ start: false, tuning: { notFoundAttempts: 3 } })
    const [created] = h.create(1)
    const uuid = '0f0e0d0c-0b0a-4998-8776-655443322110'
    h.library.updateGeneration(created!.id, {
      status: 'pending',
      taskUuid: uuid,
      submittedAt: new Date().toISOString(),
    })
    h.engine.start()
    const [lost] = await h.settle([created!.id])
    expect(lost!.status).toBe('failed')
    expect(lost!.taskUuid).toBe(uuid)
    expect(lost!.error?.code).toBe('TASK_NOT_FOUND')
    expect(lost!.error?.message).toMatch(/no longer knows this task/)
    expect(h.changes.some((g) => g.retry?.reason === 'not_found')).toBe(true)

    const again = h.engine.retry(created!.id)
    expect(again.status).toBe('pending')
    const [stillLost] = await h.settle([created!.id])
    expect(stillLost!.error?.code).toBe('TASK_NOT_FOUND')
    expect(h.posts()).toBe(0)
  })
})
