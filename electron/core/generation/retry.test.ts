/**
 * `generation.retry` accepts exactly what `retryKind()` (shared/generationActions.ts)
 * offers, for every status and the error codes that matter, and does what the kind
 * says; a retry that costs money passes the spending limits like generation.create.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { FINAL_STATUSES, GenerationStatus, type Generation } from '../../../shared/domain'
import { retryKind, type RetryKind } from '../../../shared/generationActions'
import { createSettingsService } from '../settings'
import { newGeneration, recordingLogger, removeTempDirs } from '../../../tests/integration/library-fixtures'
import { generationFeature, memoryStore } from '../../../tests/support/coreFixtures'

afterEach(removeTempDirs)

const CODES = [
  null,
  'TASK_NOT_FOUND',
  'DOWNLOAD_FAILED',
  'RESULT_EXPIRED',
  'MODERATION_FAILED',
  'OUTCOME_UNKNOWN',
  'HTTP_400',
]

async function setup(dailySpendLimit: string | null = null) {
  const settings = createSettingsService(memoryStore(), recordingLogger())
  settings.update({ dailySpendLimit })
  return generationFeature(settings)
}

let seq = 0
/** A row in this state, as the engine would have left it. */
function seed(
  library: Awaited<ReturnType<typeof setup>>['library'],
  status: GenerationStatus,
  code: string | null,
  extra: { remoteUrl?: string | null; taskUuid?: string | null; deleted?: boolean; price?: string } = {},
): Generation {
  const id = `g${++seq}`
  library.insertGenerations([
    newGeneration({ id, prompt: `prompt ${id}`, aspectRatio: '3:4', callbackUrl: 'https://example.test/hook' }),
  ])
  library.updateGeneration(id, {
    status,
    error: code ? { code, message: `${code} happened`, detail: null } : null,
    remoteUrl: extra.remoteUrl ?? null,
    taskUuid: extra.taskUuid ?? null,
    ...(extra.price ? { price: extra.price, submittedAt: new Date().toISOString() } : {}),
  })
  if (extra.deleted) library.softDelete([id])
  return library.getGeneration(id)!
}

/** What a retry of each kind leaves behind. */
function expectRetried(
  kind: RetryKind,
  before: Generation,
  after: Pick<Generation, 'id' | 'status' | 'references'> & { error: unknown },
): void {
  if (kind === 'again') {
    expect(after.id).not.toBe(before.id)
    expect(after).toMatchObject({
      status: 'queued',
      prompt: before.prompt,
      aspectRatio: before.aspectRatio,
      callbackUrl: before.callbackUrl,
    })
    expect(after.references).toEqual(before.references)
    return
  }
  expect(after.id).toBe(before.id)
  expect(after.status).toBe({ download: 'downloading', poll: 'pending', resubmit: 'queued' }[kind])
  expect(after.error).toBeNull()
}

describe('generation.retry', () => {
  it('accepts exactly what retryKind() offers, for every status and error code', async () => {
    const { library, feature } = await setup()
    const retry = feature.handlers['generation.retry']
    const cases: Generation[] = []
    for (const status of GenerationStatus.options) {
      for (const code of CODES) {
        for (const facts of [{}, { remoteUrl: 'https://cdn.example.test/r.png', taskUuid: 'uuid-1' }]) {
          cases.push(
            seed(library, status, code, { ...facts, taskUuid: facts.taskUuid ? `${facts.taskUuid}-${seq}` : null }),
          )
        }
      }
    }
    for (const status of FINAL_STATUSES) cases.push(seed(library, status, null, { deleted: true }))
    expect(new Set(cases.map((g) => retryKind(g)))).toEqual(new Set(['download', 'poll', 'resubmit', 'again', null]))

    for (const before of cases) {
      const kind = retryKind(before)
      const label = `${before.status} ${before.error?.code ?? '-'} url:${Boolean(before.remoteUrl)} deleted:${Boolean(before.deletedAt)}`
      if (kind === null) {
        await expect(retry({ id: before.id, confirmOverLimit: false }), label).rejects.toMatchObject({
          code: 'NOT_RETRYABLE',
        })
        expect(library.getGeneration(before.id)!.status, label).toBe(before.status)
      } else {
        expectRetried(kind, before, await retry({ id: before.id, confirmOverLimit: false }))
      }
    }
    library.close()
  })

  it('asks the spending question for retries that cost money, and only for those', async () => {
    const { library, router } = await setup('1.00')
    // Today's spending is already past the limit.
    seed(library, 'completed', null, { taskUuid: 'paid', price: '5.0000' })
    const again = seed(library, 'failed', 'MODERATION_FAILED', { taskUuid: 'moderated' })
    const resubmit = seed(library, 'rejected', 'HTTP_400')
    const download = seed(library, 'failed', 'DOWNLOAD_FAILED', {
      remoteUrl: 'https://cdn.example.test/r.png',
      taskUuid: 't',
    })
    const poll = seed(library, 'failed', 'TASK_NOT_FOUND', { taskUuid: 'lost' })

    for (const row of [again, resubmit]) {
      const refused = await router.dispatch('generation.retry', { id: row.id })
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'SPEND_LIMIT', data: { limit: 'daily', limitAmount: '1.00' } },
      })
      expect(library.getGeneration(row.id)!.status).toBe(row.status)
      const confirmed = await router.dispatch('generation.retry', { id: row.id, confirmOverLimit: true })
      expect(confirmed).toMatchObject({ ok: true, data: { status: 'queued' } })
    }
    // Fetching or looking again costs nothing: no question.
    expect(await router.dispatch('generation.retry', { id: download.id })).toMatchObject({
      ok: true,
      data: { status: 'downloading' },
    })
    expect(await router.dispatch('generation.retry', { id: poll.id })).toMatchObject({
      ok: true,
      data: { status: 'pending' },
    })
    library.close()
  })
})
