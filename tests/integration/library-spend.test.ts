/**
 * Money in the ledger: sums are exact (integer micro-dollars, never floats),
 * "today" and "this month" follow the local calendar of `now`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SpendSummary } from '../../shared/contract'
import type { SqliteLibraryApi } from '../../electron/core/db'
import { newGeneration, recordingLogger, removeTempDirs, tempLibrary } from './library-fixtures'

// A zone whose day boundary is not UTC's, so local-time bugs show up. Node
// re-reads TZ when it changes at run time.
const originalTz = process.env.TZ
beforeAll(() => {
  process.env.TZ = 'America/New_York'
})
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ
  else process.env.TZ = originalTz
})

const open: SqliteLibraryApi[] = []
async function freshLibrary(logger = recordingLogger()): Promise<SqliteLibraryApi> {
  const library = await tempLibrary({ logger })
  open.push(library)
  return library
}
afterEach(async () => {
  for (const library of open.splice(0)) library.close()
  await removeTempDirs()
})

/** Inserts charged rows: [price, submittedAt ISO, status]. */
function charge(
  library: SqliteLibraryApi,
  rows: Array<[string | null, string, 'completed' | 'failed' | 'pending']>,
): void {
  const generations = rows.map(([, at]) => newGeneration({ createdAt: at }))
  library.insertGenerations(generations)
  library.updateGenerations(
    generations.map((generation, i) => {
      const [price, at, status] = rows[i] as [string | null, string, 'completed' | 'failed' | 'pending']
      return {
        id: generation.id,
        patch: { price, submittedAt: at, status, taskUuid: price === null ? null : `t-${generation.id}` },
      }
    }),
  )
}

describe('library: spend', () => {
  it('sums exactly: 3 × 0.1 is 0.3', async () => {
    const library = await freshLibrary()
    const at = '2025-06-15T16:00:00.000Z'
    charge(library, [
      ['0.1', at, 'completed'],
      ['0.1', at, 'completed'],
      ['0.1', at, 'failed'],
    ])
    const summary = library.spendSummary(new Date('2025-06-15T18:00:00.000Z'))
    expect(SpendSummary.parse(summary)).toEqual(summary)
    expect(summary).toEqual({
      total: '0.3',
      today: '0.3',
      thisMonth: '0.3',
      chargedButFailed: '0.1',
      byDay: [{ day: '2025-06-15', total: '0.3' }],
    })
  })

  it('sums 10 000 × 0.0123 to exactly 123', async () => {
    const library = await freshLibrary()
    charge(
      library,
      Array.from(
        { length: 10_000 },
        () => ['0.0123', '2025-06-01T12:00:00.000Z', 'completed'] as ['0.0123', string, 'completed'],
      ),
    )
    expect(library.spendSummary(new Date('2025-06-20T12:00:00.000Z')).total).toBe('123')
  })

  it('counts only charged tasks and splits days and months in local time', async () => {
    const library = await freshLibrary()
    // now: 2025-07-01 00:30 in New York (04:30 UTC).
    const now = new Date('2025-07-01T04:30:00.000Z')
    charge(library, [
      ['0.04', '2025-07-01T04:10:00.000Z', 'completed'], // today (00:10 local)
      ['0.04', '2025-07-01T03:50:00.000Z', 'completed'], // 23:50 local on 30 June: yesterday, last month
      ['0.0123', '2025-06-10T15:00:00.000Z', 'failed'],
      ['0.5', '2025-05-01T15:00:00.000Z', 'completed'], // outside the 30-day window
      [null, '2025-07-01T04:20:00.000Z', 'pending'], // never charged
    ])
    const summary = library.spendSummary(now)
    expect(summary).toEqual({
      total: '0.5923',
      today: '0.04',
      thisMonth: '0.04',
      chargedButFailed: '0.0123',
      byDay: [
        { day: '2025-06-10', total: '0.0123' },
        { day: '2025-06-30', total: '0.04' },
        { day: '2025-07-01', total: '0.04' },
      ],
    })
  })

  it('is zero, not empty, with no spending', async () => {
    const library = await freshLibrary()
    expect(library.spendSummary(new Date())).toEqual({
      total: '0',
      today: '0',
      thisMonth: '0',
      chargedButFailed: '0',
      byDay: [],
    })
  })

  it('keeps the provider price string as sent, rounds only the sum column, and says so', async () => {
    const logger = recordingLogger()
    const library = await freshLibrary(logger)
    const [row] = library.insertGenerations([newGeneration()])
    const updated = library.updateGeneration(row!.id, {
      price: '0.00000051',
      taskUuid: 't',
      submittedAt: '2025-06-01T00:00:00.000Z',
    })
    expect(updated.price).toBe('0.00000051')
    expect(library.spendSummary(new Date('2025-06-01T12:00:00.000Z')).total).toBe('0.000001')
    expect(logger.entries.some((e) => e.level === 'warn' && /more than 6 decimals/.test(e.msg ?? ''))).toBe(true)
  })

  it('never loses a task uuid because of an unreadable price', async () => {
    const logger = recordingLogger()
    const library = await freshLibrary(logger)
    const [row] = library.insertGenerations([newGeneration()])
    const updated = library.updateGeneration(row!.id, { price: 'free!', taskUuid: 'kept' })
    expect(updated).toMatchObject({ taskUuid: 'kept', price: null })
    expect(logger.entries.some((e) => e.level === 'warn' && /unreadable price/.test(e.msg ?? ''))).toBe(true)
  })
})
