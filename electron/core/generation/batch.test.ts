/**
 * generation.createBatch / cancelBatch / retryBatch over a real library: one
 * transaction for every row, one spending check for the whole batch, "cancel
 * the rest" removes only what was never sent, "retry the failed" passes the
 * limits together. The engine is not started, so nothing is sent.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { commands, type Settings } from '../../../shared/contract'
import {
  manualClock,
  newGeneration,
  recordingLogger,
  removeTempDirs,
  tempLibrary,
} from '../../../tests/integration/library-fixtures'
import { recordingChanges } from '../../../tests/support/coreFixtures'
import { createGenerationFeature } from './handlers'

afterEach(removeTempDirs)

async function setUp(limits: Partial<Settings> = {}) {
  const library = await tempLibrary()
  // One priced task, so quotes know the unit price (0.04).
  library.insertGenerations([newGeneration({ id: 'priced', createdAt: '2020-01-01T00:00:00.000Z' })])
  library.updateGeneration('priced', { status: 'completed', taskUuid: 't-priced', price: '0.04' })
  const changes = recordingChanges()
  const settings = { dailySpendLimit: null, monthlySpendLimit: null, notifications: false, ...limits } as Settings
  const feature = createGenerationFeature({
    library,
    client: () => null,
    limitsApply: () => true,
    settings: { get: () => settings },
    referencePayload: async () => '',
    clock: manualClock(Date.now()),
    logger: recordingLogger(),
    notifier: { notify: () => {} },
    events: { emit: () => {} },
    changes,
    appVersion: '0.0.0-test',
    prompts: { styles: () => [], record: () => {} },
  })
  return { library, changes, handlers: feature.handlers }
}

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    prompt: `prompt ${i + 1}`,
    aspectRatio: i % 2 ? ('3:4' as const) : ('1:1' as const),
  }))

const batchInput = (input: unknown) => commands['generation.createBatch'].input.parse(input)

describe('batches', () => {
  it('writes every row of the batch at once, grouped by one batch id, in the list order', async () => {
    const { library, handlers } = await setUp()
    const { batchId, generations } = await handlers['generation.createBatch'](
      batchInput({ items: items(3), variations: 2, referenceIds: [] }),
    )
    expect(generations.map((g) => [g.prompt, g.aspectRatio, g.status])).toEqual([
      ['prompt 1', '1:1', 'queued'],
      ['prompt 1', '1:1', 'queued'],
      ['prompt 2', '3:4', 'queued'],
      ['prompt 2', '3:4', 'queued'],
      ['prompt 3', '1:1', 'queued'],
      ['prompt 3', '1:1', 'queued'],
    ])
    expect(new Set(generations.map((g) => g.batchId))).toEqual(new Set([batchId]))
    expect(library.listBatch(batchId).map((g) => g.id)).toEqual(generations.map((g) => g.id))
    expect(library.getGeneration('priced')?.batchId).toBeUndefined()
    library.close()
  })

  it('checks the spending limit against the whole batch, once', async () => {
    const { library, handlers } = await setUp({ dailySpendLimit: '0.50' })
    // 10 × 2 = 20 tasks at 0.04 = 0.80: over the 0.50 limit, although one prompt alone is not.
    expect(await handlers['generation.quote']({ variations: 20 })).toMatchObject({
      total: '0.8',
      wouldExceed: { limit: 'daily' },
    })
    await expect(
      handlers['generation.createBatch'](batchInput({ items: items(10), variations: 2, referenceIds: [] })),
    ).rejects.toMatchObject({ code: 'SPEND_LIMIT', data: { total: '0.8', variations: 20 } })
    expect(library.listGenerations({ statuses: ['queued'] }).items).toEqual([])
    const confirmed = await handlers['generation.createBatch'](
      batchInput({ items: items(10), variations: 2, referenceIds: [], confirmOverLimit: true }),
    )
    expect(confirmed.generations).toHaveLength(20)
    library.close()
  })

  it('refuses a batch that is too large or holds an empty or over-long prompt, with a sentence', () => {
    const input = commands['generation.createBatch'].input
    expect(input.safeParse({ items: items(101), variations: 2, referenceIds: [] }).error?.issues[0]?.message).toBe(
      'A batch can hold at most 200 tasks.',
    )
    expect(input.safeParse({ items: [], variations: 1, referenceIds: [] }).error?.issues[0]?.message).toBe(
      'Add at least one prompt.',
    )
    expect(
      input.safeParse({ items: [{ prompt: 'x'.repeat(4001), aspectRatio: '1:1' }], variations: 1, referenceIds: [] })
        .error?.issues[0]?.message,
    ).toBe('Prompts can be at most 4000 characters.')
  })

  it('cancels the rest (only rows never sent) and retries the failed through one spending check', async () => {
    const { library, changes, handlers } = await setUp({ dailySpendLimit: '0.10' })
    const { batchId, generations } = await handlers['generation.createBatch'](
      batchInput({ items: items(4), variations: 1, referenceIds: [], confirmOverLimit: true }),
    )
    const [sent, rejected, failed, queued] = generations.map((g) => g.id) as [string, string, string, string]
    library.updateGeneration(sent, { status: 'pending', taskUuid: 't-sent', submittedAt: new Date().toISOString() })
    library.updateGeneration(rejected, { status: 'rejected', error: { code: 'X', message: 'No.', detail: null } })
    library.updateGeneration(failed, {
      status: 'failed',
      taskUuid: 't-failed',
      price: '0.04',
      error: { code: 'MODERATION_FAILED', message: 'No.', detail: null },
    })

    expect(await handlers['generation.cancelBatch']({ batchId })).toEqual({ removed: [queued], kept: 3 })
    expect(library.getGeneration(queued)).toBeNull()
    expect(changes.changed).toEqual(['batch'])
    expect(await handlers['generation.cancelBatch']({ batchId })).toEqual({ removed: [], kept: 3 })
    await expect(handlers['generation.cancelBatch']({ batchId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' })

    // Two charging retries (send again, generate again) at 0.04 each pass the 0.10 limit together.
    await expect(handlers['generation.retryBatch']({ batchId, confirmOverLimit: false })).rejects.toMatchObject({
      code: 'SPEND_LIMIT',
      data: { variations: 2 },
    })
    const { retried } = await handlers['generation.retryBatch']({ batchId, confirmOverLimit: true })
    expect(retried.map((g) => [g.status, g.batchId])).toEqual([
      ['queued', batchId],
      ['queued', batchId],
    ])
    expect(retried[0]?.id).toBe(rejected)
    expect(retried[1]?.prompt).toBe('prompt 3')
    expect(library.listBatch(batchId)).toHaveLength(4)
    library.close()
  })
})
