import { describe, expect, it } from 'vitest'
import { harnessPerTest, expectWholeResult, tmpLeftovers } from './engine-harness'

const openHarness = harnessPerTest('task engine (happy path, moderation, unknown status, stalled)')

describe('task engine, happy path (real simulator, client, library, sharp)', () => {
  it('takes a batch from queued to completed with whole images and thumbnails on disk', async () => {
    const h = await openHarness()
    const created = h.create(3)
    expect(created.map((g) => g.status)).toEqual(['queued', 'queued', 'queued'])

    const rows = await h.settle(created.map((g) => g.id))
    for (const row of rows) {
      expect(row.status).toBe('completed')
      expect(row.taskUuid).toMatch(/^[0-9a-f-]{36}$/)
      expect(row.price).toBe('0.0400')
      expect(row.error).toBeNull()
      expect(row.retry).toBeNull()
      expect(row.remoteUrl).toContain(row.taskUuid)
      expect(row.finishedAt).not.toBeNull()
      await expectWholeResult(h.dataDir, row)
    }
    expect(h.posts()).toBe(3)
    expect(new Set(h.sim.tasks().map((t) => t.taskUuid))).toEqual(new Set(rows.map((r) => r.taskUuid)))
    expect(await tmpLeftovers(h.dataDir)).toEqual([])

    // Every step was an event, in order, each with a higher version.
    const first = created[0]!
    const seen = h.changes.filter((g) => g.id === first.id)
    const statuses = seen.map((g) => g.status)
    expect(statuses[0]).toBe('queued')
    expect(statuses).toContain('submitting')
    expect(statuses).toContain('downloading')
    expect(statuses.at(-1)).toBe('completed')
    const versions = seen.map((g) => g.version)
    expect([...versions].sort((a, b) => a - b)).toEqual(versions)

    // Result downloads never carry our key.
    const downloads = h.sim.requests.filter((r) => r.path.startsWith('/files/'))
    expect(downloads.length).toBeGreaterThanOrEqual(3)
    for (const request of downloads) expect(request.headers.authorization).toBeUndefined()

    await h.waitFor('a notification', () => h.notifications.length > 0)
    expect(h.notifications.map((n) => n.title).join(' ')).toMatch(/ready/)
    expect(h.engine.state()).toEqual({ state: 'running', reason: null, message: null, retryAt: null })
  })

  it('sends the documented body: no aspect_ratio for auto, references and callback when given', async () => {
    const h = await openHarness()
    const reference = {
      id: 'ref-1',
      kind: 'url' as const,
      path: null,
      url: 'https://example.com/cat.png',
      mime: null,
      width: null,
      height: null,
      originalBytes: null,
      preparedBytes: null,
      sourceGenerationId: null,
      name: null,
    }
    const [auto] = h.engine.create({
      prompt: 'auto ratio',
      aspectRatio: 'auto',
      references: [],
      variations: 1,
      callbackUrl: null,
    })
    const [square] = h.engine.create({
      prompt: 'square with a reference',
      aspectRatio: '3:4',
      references: [reference],
      variations: 1,
      callbackUrl: 'https://hooks.example.com/runblob',
    })
    await h.settle([auto!.id, square!.id])
    const bodies = h.sim.requests.filter((r) => r.method === 'POST').map((r) => r.body as Record<string, unknown>)
    const autoBody = bodies.find((b) => b.prompt === 'auto ratio')
    const squareBody = bodies.find((b) => b.prompt === 'square with a reference')
    expect(autoBody).toEqual({ prompt: 'auto ratio' })
    expect(squareBody).toEqual({
      prompt: 'square with a reference',
      aspect_ratio: '3:4',
      images: ['https://example.com/cat.png'],
      callback_url: 'https://hooks.example.com/runblob',
    })
  })

  it('ends a moderated prompt as failed with the provider code and a human sentence', async () => {
    const h = await openHarness()
    const [row] = h.create(1, 'something forbidden')
    const [done] = await h.settle([row!.id])
    expect(done!.status).toBe('failed')
    expect(done!.taskUuid).not.toBeNull()
    expect(done!.error).toEqual({
      code: 'MODERATION_FAILED',
      message: "The provider's safety filter declined this prompt or its reference images.",
      detail: 'MODERATION_FAILED',
    })
    expect(done!.image).toBeNull()
    await h.waitFor('a failure notification', () => h.notifications.some((n) => n.title === 'Generation failed'))
    expect(() => h.engine.retry(done!.id)).toThrow(/provider ended this generation/)
  })

  it('keeps polling through a status string it does not know, and logs it', async () => {
    const h = await openHarness({ simulator: { pendingMs: 60_000 } })
    const [row] = h.create(1)
    await h.waitFor('a task uuid', () => h.row(row!.id).taskUuid !== null)
    const uuid = h.row(row!.id).taskUuid!
    h.sim.forceStatus(uuid, 'queued_for_gpu')
    await h.waitFor('the odd status to be logged', () =>
      h.logs.some(
        (l) =>
          l.msg?.includes('unrecognized task status') && (l.obj as { status?: string }).status === 'queued_for_gpu',
      ),
    )
    const polls = h.sim.requests.filter((r) => r.path.endsWith(uuid)).length
    await h.waitFor('more polls', () => h.sim.requests.filter((r) => r.path.endsWith(uuid)).length > polls + 2)
    expect(h.row(row!.id).status).toBe('pending')
    h.sim.forceStatus(uuid, 'completed')
    const [done] = await h.settle([row!.id])
    expect(done!.status).toBe('completed')
    await expectWholeResult(h.dataDir, done!)
  })

  it('marks a task that runs far past the usual time as stalled, and still finishes it', async () => {
    const h = await openHarness({
      simulator: { pendingMs: 900, processingMs: 200 },
      tuning: { stalledAfterMs: 300, stalledPollIntervalMs: 150 },
    })
    const [row] = h.create(1)
    await h.waitFor('the stalled flag', () => h.row(row!.id).stalled)
    const [done] = await h.settle([row!.id])
    expect(done!.status).toBe('completed')
    expect(done!.stalled).toBe(true)
  })
})
