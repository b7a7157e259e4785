/**
 * The library as the grid browses it: every filter alone and combined, the
 * three sorts, keyset pages and offsets that agree, totals, "select all", and
 * the two search plans giving the same rows in every sort and in the trash.
 */
import type { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ListGenerationsInput, type LibraryFilter } from '../../../shared/contract'
import {
  makeTempDir,
  newGeneration,
  recordingLogger,
  removeTempDirs,
  SEARCH_MODES,
} from '../../../tests/integration/library-fixtures'
import { openLibrary, type SqliteLibraryApi } from './index'
import { buildListSql, type SearchPlan } from './listQuery'
import { GenerationReader } from './rows'
import { toSearchQuery } from './search'
import { walkSearch } from './walkedSearch'
import type { ListQuery } from './types'

const ROWS = 240
const RATIOS = ['auto', '1:1', '4:3', '3:4'] as const
describe.each(SEARCH_MODES)('search: %s', (mode) => {
  let library: SqliteLibraryApi
  let db: DatabaseSync
  const base = Date.UTC(2025, 2, 1)
  const createdAt = (i: number) => new Date(base + Math.floor(i / 2) * 3_600_000).toISOString()
  const priceOf = (i: number) => (i % 5 === 4 ? null : `0.0${(i % 4) + 1}`)

  beforeAll(async () => {
    library = openLibrary({
      dataDir: await makeTempDir(),
      logger: recordingLogger(),
      fts5: mode === 'full',
      configureConnection: (connection) => {
        db = connection
      },
    })
    const reference = {
      id: 'ref-a',
      kind: 'file' as const,
      path: 'refs/ref-a.jpg',
      url: null,
      mime: 'image/jpeg',
      width: 10,
      height: 10,
      originalBytes: 1,
      preparedBytes: 1,
      sourceGenerationId: null,
      name: 'a.jpg',
    }
    library.saveReference(reference)
    library.insertGenerations(
      Array.from({ length: ROWS }, (_, i) =>
        newGeneration({
          id: `b${String(i).padStart(3, '0')}`,
          createdAt: createdAt(i),
          aspectRatio: RATIOS[i % 4],
          prompt: `${i % 3 === 0 ? 'tiger' : 'lion'} in ${i % 7 === 0 ? 'snow' : 'grass'} ${i}`,
          references: i % 6 === 0 ? [reference] : [],
        }),
      ),
    )
    library.updateGenerations(
      Array.from({ length: ROWS }, (_, i) => ({
        id: `b${String(i).padStart(3, '0')}`,
        patch: {
          status: i % 10 === 9 ? ('failed' as const) : ('completed' as const),
          price: priceOf(i),
          favorite: i % 8 === 0,
        },
      })),
    )
    library.softDelete(['b001', 'b002', 'b100'])
  })

  afterAll(async () => {
    library.close()
    await removeTempDirs()
  })

  const index = (id: string) => Number(id.slice(1))
  const deleted = new Set(['b001', 'b002', 'b100'])
  const all = () =>
    Array.from({ length: ROWS }, (_, i) => `b${String(i).padStart(3, '0')}`).filter((id) => !deleted.has(id))
  const newest = (ids: string[]) =>
    [...ids].sort((a, b) => createdAt(index(b)).localeCompare(createdAt(index(a))) || b.localeCompare(a))
  const micros = (id: string) => {
    const price = priceOf(index(id))
    return price === null ? -1 : Number(price.slice(2)) * 10_000
  }

  function pages(query: ListQuery): string[] {
    const ids: string[] = []
    let cursor: string | null = null
    for (let guard = 0; guard < 1000; guard++) {
      const page = library.listGenerations({ ...query, cursor })
      ids.push(...page.items.map((g) => g.id))
      if (page.nextCursor === null) return ids
      cursor = page.nextCursor
    }
    throw new Error('paging never ended')
  }

  function byOffsets(query: ListQuery, limit: number): string[] {
    const ids: string[] = []
    for (let offset = 0; ; offset += limit) {
      const page = library.listGenerations({ ...query, limit, offset })
      ids.push(...page.items.map((g) => g.id))
      if (page.items.length < limit) return ids
    }
  }

  describe('library: browsing', () => {
    it('sorts newest, oldest and by price, paging by cursor and by offset alike', () => {
      expect(pages({ limit: 17 })).toEqual(newest(all()))
      expect(pages({ limit: 17, sort: 'oldest' })).toEqual(newest(all()).reverse())
      const byPrice = [...newest(all())].sort((a, b) => micros(b) - micros(a))
      expect(pages({ limit: 13, sort: 'price' })).toEqual(byPrice)
      expect(byOffsets({ sort: 'price' }, 13)).toEqual(byPrice)
      expect(byOffsets({ sort: 'oldest' }, 50)).toEqual(newest(all()).reverse())
      // An unpriced row sorts after every priced one.
      expect(priceOf(index(byPrice.at(-1)!))).toBeNull()
    })

    it('combines status, favourites, ratio, dates and references, and counts the matches', () => {
      const from = createdAt(40)
      const before = createdAt(200)
      const query: LibraryFilter = {
        statuses: ['completed'],
        aspectRatios: ['auto', '4:3'],
        createdFrom: from,
        createdBefore: before,
        usedReferences: true,
      }
      const expected = newest(
        all().filter((id) => {
          const i = index(id)
          return (
            i % 10 !== 9 && (i % 4 === 0 || i % 4 === 2) && createdAt(i) >= from && createdAt(i) < before && i % 6 === 0
          )
        }),
      )
      expect(expected.length).toBeGreaterThan(3)
      expect(pages({ ...query, limit: 3 })).toEqual(expected)
      expect(library.listGenerations({ ...query, withTotal: true }).total).toBe(expected.length)
      expect(pages({ usedReferences: false, favoritesOnly: true })).toEqual(
        newest(all().filter((id) => index(id) % 8 === 0 && index(id) % 6 !== 0)),
      )
      expect(library.listGenerations({ withTotal: true, limit: 1 }).total).toBe(all().length)
      expect(library.listGenerations({ search: 'snow', withTotal: true }).total).toBe(
        all().filter((id) => index(id) % 7 === 0).length,
      )
      expect(library.listGenerations({ search: 'snow', favoritesOnly: true, withTotal: true }).total).toBe(
        all().filter((id) => index(id) % 7 === 0 && index(id) % 8 === 0).length,
      )
    })

    it('shows the trash on its own and leaves it out everywhere else', () => {
      expect(pages({ trash: true })).toEqual(['b100', 'b002', 'b001'])
      expect(library.listGenerations({ trash: true, withTotal: true }).total).toBe(3)
      expect(pages({ search: 'lion' })).not.toContain('b001')
      expect(pages({ trash: true, search: 'lion' })).toEqual(['b100', 'b002', 'b001'])
      expect(library.listGenerations({ trash: true }).items[0]?.deletedAt).toMatch(/Z$/)
    })

    it('answers "select all" with every match in order', () => {
      expect(library.listIds({ search: 'tiger', sort: 'oldest' }, 10_000)).toEqual({
        ids: newest(all().filter((id) => index(id) % 3 === 0)).reverse(),
        truncated: false,
      })
      expect(library.listIds({}, 5)).toEqual({ ids: newest(all()).slice(0, 5), truncated: true })
    })

    // The plans are ways of running a full-text search; basic mode has one way only.
    it.skipIf(mode === 'basic')('gives the same rows with every search plan, in every sort and in the trash', () => {
      const run = (query: ListQuery, plan: SearchPlan): string[] => {
        const input = ListGenerationsInput.parse(query)
        const { sql, params } = buildListSql(input, toSearchQuery(input.search, 'full'), plan)
        return new GenerationReader(db.prepare(sql))
          .all(...params)
          .slice(0, input.limit)
          .map((row) => row.id)
      }
      const walked = (query: ListQuery): string[] | undefined =>
        walkSearch(
          { statement: (sql) => db.prepare(sql), reader: (sql) => new GenerationReader(db.prepare(sql)) },
          ListGenerationsInput.parse(query),
          { maxRows: 10_000, libraryRows: Infinity },
        )
          .rows?.slice(0, query.limit)
          .map((row) => row.id)
      for (const sort of ['newest', 'oldest', 'price'] as const) {
        for (const trash of [false, true]) {
          for (const offset of [0, 7]) {
            const query = { search: 'li', sort, trash, offset, limit: 25 }
            expect(run(query, 'time-driven'), JSON.stringify(query)).toEqual(run(query, 'fts-driven'))
            // The walk serves first pages and cursors, never an offset.
            if (offset === 0) expect(walked(query), JSON.stringify(query)).toEqual(run(query, 'fts-driven'))
          }
        }
      }
    })

    it('refuses a time cursor for the price sort', () => {
      const cursor = library.listGenerations({ limit: 1 }).nextCursor
      expect(() => library.listGenerations({ sort: 'price', cursor })).toThrow(
        expect.objectContaining({ code: 'INVALID_CURSOR' }),
      )
    })

    it('walks lineage both ways', () => {
      const parent = library.getGeneration('b010')!
      const child = newGeneration({ id: 'child-1', prompt: 'lion remix' })
      const fromParent = {
        id: 'ref-from-b010',
        kind: 'file' as const,
        path: 'refs/ref-from-b010.jpg',
        url: null,
        mime: 'image/jpeg',
        width: 10,
        height: 10,
        originalBytes: 1,
        preparedBytes: 1,
        sourceGenerationId: parent.id,
        name: 'b010.png',
      }
      library.saveReference(fromParent)
      library.insertGenerations([{ ...child, references: [fromParent] }])
      expect(library.lineage('child-1')).toMatchObject({ parents: [{ id: 'b010' }], children: [] })
      expect(library.lineage('b010').children.map((g) => g.id)).toEqual(['child-1'])
      library.softDelete(['child-1'])
      library.updateGeneration('child-1', { status: 'completed' })
      library.softDelete(['child-1'])
      expect(library.lineage('b010').children).toEqual([])
      library.restore(['child-1'])
      expect(library.lineage('b010').children.map((g) => g.id)).toEqual(['child-1'])
    })
  })
})
