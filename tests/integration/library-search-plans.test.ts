/**
 * The two ways a search runs (see electron/core/db/listQuery.ts) must give
 * the same rows in the same order; the library picks one by match count. Here
 * every plan — and the walked one, with a bound that fills pages and one that
 * gives up — runs on the same real database for many queries, filters and pages.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ListGenerationsInput } from '../../shared/contract'
import { openLibrary, type SqliteLibraryApi } from '../../electron/core/db'
import { buildListSql, FTS_DRIVEN_MAX_MATCHES, type SearchPlan } from '../../electron/core/db/listQuery'
import { GenerationReader } from '../../electron/core/db/rows'
import { toSearchQuery } from '../../electron/core/db/search'
import { walkSearch } from '../../electron/core/db/walkedSearch'
import { makeTempDir, newGeneration, recordingLogger, removeTempDirs } from './library-fixtures'

const ROWS = FTS_DRIVEN_MAX_MATCHES + 200
let library: SqliteLibraryApi
let db: DatabaseSync

beforeAll(async () => {
  library = openLibrary({
    dataDir: await makeTempDir(),
    logger: recordingLogger(),
    configureConnection: (connection) => {
      db = connection
    },
  })
  const base = Date.UTC(2025, 0, 1)
  library.insertGenerations(
    Array.from({ length: ROWS }, (_, i) =>
      newGeneration({
        id: `p${String(i).padStart(4, '0')}`,
        // Out of insertion order on purpose: the time order is not the rowid order.
        createdAt: new Date(base + ((i * 7919) % ROWS) * 1000).toISOString(),
        prompt: `common ${i % 3 === 0 ? 'tiger' : 'lion'} ${i % 50 === 0 ? 'rare' : 'plain'}`,
      }),
    ),
  )
  library.updateGenerations(
    Array.from({ length: ROWS }, (_, i) => ({
      id: `p${String(i).padStart(4, '0')}`,
      patch: { status: i % 2 === 0 ? ('completed' as const) : ('failed' as const), favorite: i % 4 === 0 },
    })),
  )
})

afterAll(async () => {
  library.close()
  await removeTempDirs()
})

function runPlan(query: z.input<typeof ListGenerationsInput>, plan: SearchPlan): string[] {
  const ids: string[] = []
  let cursor: string | null = null
  for (;;) {
    const input = ListGenerationsInput.parse({ ...query, cursor })
    const { sql, params } = buildListSql(input, toSearchQuery(input.search, 'full'), plan)
    const rows = new GenerationReader(db.prepare(sql)).all(...params)
    const page = rows.slice(0, input.limit)
    ids.push(...page.map((row) => row.id))
    if (rows.length <= input.limit) return ids
    const last = page[page.length - 1]!
    cursor = Buffer.from(JSON.stringify([last.created_at, last.id])).toString('base64url')
  }
}

/** Every page through the walked plan; null as soon as one walk gives up at its bound. */
function runWalk(query: z.input<typeof ListGenerationsInput>, walkMaxRows: number): string[] | null {
  const statements = {
    statement: (sql: string) => db.prepare(sql),
    reader: (sql: string) => new GenerationReader(db.prepare(sql)),
  }
  const ids: string[] = []
  let cursor: string | null = null
  for (;;) {
    const input = ListGenerationsInput.parse({ ...query, cursor })
    const rows = walkSearch(statements, input, { maxRows: walkMaxRows, libraryRows: Infinity }).rows
    if (rows === null) return null
    const page = rows.slice(0, input.limit)
    ids.push(...page.map((row) => row.id))
    if (rows.length <= input.limit) return ids
    const last = page[page.length - 1]!
    cursor = Buffer.from(JSON.stringify([last.created_at, last.id])).toString('base64url')
  }
}

function viaLibrary(query: z.input<typeof ListGenerationsInput>): string[] {
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const page = library.listGenerations({ ...query, cursor })
    ids.push(...page.items.map((item) => item.id))
    cursor = page.nextCursor
  } while (cursor !== null)
  return ids
}

describe('library: search plans', () => {
  const queries: Array<z.input<typeof ListGenerationsInput>> = [
    { search: 'common', limit: 100 },
    { search: 'comm', limit: 37 },
    { search: 'c', limit: 500 },
    // Short prefixes, which the walked plan serves when they match much of the library.
    { search: 't', limit: 40, statuses: ['completed'], sort: 'oldest' },
    { search: 'l', limit: 70, favoritesOnly: true },
    { search: 'lio', limit: 30 },
    { search: 'tiger', limit: 50 },
    { search: 'rare', limit: 5 },
    { search: 'common li', limit: 60, statuses: ['completed'] },
    { search: 'common', limit: 25, favoritesOnly: true },
    { search: 'lion rare', limit: 3, statuses: ['failed', 'completed'] },
    { search: 'zebra', limit: 10 },
  ]

  it.each(queries)('gives the same pages either way: %o', (query) => {
    const ftsDriven = runPlan(query, 'fts-driven')
    expect(runPlan(query, 'time-driven')).toEqual(ftsDriven)
    // A bound past the library's size: the walk never gives up.
    expect(runWalk(query, ROWS + 1)).toEqual(ftsDriven)
    expect(viaLibrary(query)).toEqual(ftsDriven)
    expect(new Set(ftsDriven).size).toBe(ftsDriven.length)
  })

  it('walks at most its bound, and gives up on a match too sparse to fill a page within it', () => {
    // "rare" is in one prompt of 50: 40 walked rows cannot hold a page of 5 and the row after it.
    expect(runWalk({ search: 'rare', limit: 5 }, 40)).toBeNull()
    // "common" is in every prompt: 40 walked rows fill pages of 30 all the way down.
    expect(runWalk({ search: 'common', limit: 30 }, 40)).toEqual(runPlan({ search: 'common', limit: 30 }, 'fts-driven'))
    // The library falls back to the match set, so a sparse broad search still finds everything.
    expect(viaLibrary({ search: 'rare', limit: 5 })).toEqual(runPlan({ search: 'rare', limit: 5 }, 'fts-driven'))
  })

  it('counts what it should', () => {
    expect(viaLibrary({ search: 'common' })).toHaveLength(ROWS)
    expect(viaLibrary({ search: 'rare' })).toHaveLength(Math.ceil(ROWS / 50))
    expect(viaLibrary({ search: 'zebra' })).toEqual([])
  })

  it('reads the same rows as arrays and as objects', () => {
    const sql = buildListSql(
      ListGenerationsInput.parse({ search: 'rare' }),
      toSearchQuery('rare', 'full'),
      'fts-driven',
    )
    const asArrays = new GenerationReader(db.prepare(sql.sql)).all(...sql.params)
    const asObjects = new GenerationReader(db.prepare(sql.sql), { arrays: false }).all(...sql.params)
    expect(asArrays.length).toBeGreaterThan(0)
    expect(asObjects).toEqual(asArrays)
  })
})
