/**
 * The grid's queries: newest first, keyset pages that never repeat or skip a
 * row, full-text prefix search that no user text can break, and the filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GenerationPage } from '../../shared/contract'
import { openLibrary, type SqliteLibraryApi } from '../../electron/core/db'
import type { ListQuery } from '../../electron/core/db'
import { makeTempDir, newGeneration, recordingLogger, removeTempDirs, SEARCH_MODES } from './library-fixtures'

const WORDS = ['fox', 'owl', 'lighthouse', 'forest', 'neon', 'harbor', 'café', 'robot']
describe.each(SEARCH_MODES)('search: %s', (mode) => {
  let library: SqliteLibraryApi

  beforeAll(async () => {
    library = openLibrary({ dataDir: await makeTempDir(), logger: recordingLogger(), fts5: mode === 'full' })
    expect(library.search).toBe(mode)
    const base = Date.UTC(2025, 2, 1)
    library.insertGenerations(
      Array.from({ length: 250 }, (_, i) =>
        newGeneration({
          id: `g${String(i).padStart(3, '0')}`,
          // Pairs share a timestamp, so the id tie-break is exercised.
          createdAt: new Date(base + Math.floor(i / 2) * 60_000).toISOString(),
          prompt: `${WORDS[i % WORDS.length]} number ${i}`,
        }),
      ),
    )
    library.updateGenerations(
      Array.from({ length: 250 }, (_, i) => ({
        id: `g${String(i).padStart(3, '0')}`,
        patch: {
          status: i % 3 === 0 ? ('completed' as const) : i % 3 === 1 ? ('failed' as const) : ('processing' as const),
          favorite: i % 10 === 0,
        },
      })),
    )
  })

  afterAll(async () => {
    library.close()
    await removeTempDirs()
  })

  function allPages(query: ListQuery): string[] {
    const ids: string[] = []
    let cursor: string | null = null
    for (let guard = 0; guard < 1000; guard++) {
      const page = library.listGenerations({ ...query, cursor })
      GenerationPage.parse(page)
      ids.push(...page.items.map((item) => item.id))
      if (page.nextCursor === null) return ids
      cursor = page.nextCursor
    }
    throw new Error('paging never ended')
  }

  const newestFirst = (ids: string[]) => [...ids].sort().reverse()

  describe('library: listing', () => {
    it('pages through 250 rows newest first, each row exactly once', () => {
      for (const limit of [1, 7, 100, 500]) {
        const ids = allPages({ limit })
        expect(ids).toHaveLength(250)
        expect(new Set(ids).size).toBe(250)
        expect(ids).toEqual(newestFirst(ids))
      }
    })

    it('filters by status and favourites, also combined and paged', () => {
      const completed = allPages({ statuses: ['completed'], limit: 10 })
      expect(completed).toHaveLength(84)
      expect(completed.every((id) => Number(id.slice(1)) % 3 === 0)).toBe(true)
      expect(allPages({ statuses: ['completed', 'failed'], limit: 50 })).toHaveLength(167)
      const favourites = allPages({ favoritesOnly: true, limit: 4 })
      expect(favourites).toHaveLength(25)
      expect(allPages({ favoritesOnly: true, statuses: ['completed'] })).toEqual(
        favourites.filter((id) => Number(id.slice(1)) % 3 === 0),
      )
      expect(allPages({ statuses: ['queued'] })).toEqual([])
    })

    it('searches by word prefix as you type', () => {
      const fox = allPages({ search: 'fo', limit: 5 })
      // "fo" matches "fox" and "forest".
      expect(fox).toHaveLength(Math.ceil(250 / 8) * 2 - 1)
      expect(fox).toEqual(newestFirst(fox))
      expect(allPages({ search: 'fox' })).toHaveLength(32)
      expect(allPages({ search: 'FOX NUMB' })).toHaveLength(32)
      expect(allPages({ search: 'fox number 17' })).toEqual(['g176']) // "17" is a prefix of 176
      expect(allPages({ search: 'fox number 17 ' })).toEqual([]) // a finished word
      expect(allPages({ search: 'fox number 16 ' })).toEqual(['g016'])
      expect(allPages({ search: 'cafe' })).toHaveLength(31) // diacritics folded
      expect(allPages({ search: 'lighthouse', statuses: ['completed'], favoritesOnly: true }).length).toBeGreaterThan(0)
    })

    it('never lets user text become an FTS syntax error', () => {
      const nasty = [
        '"',
        '""',
        "'",
        'fox"',
        '*',
        'fo*',
        'AND',
        'fox AND',
        'OR owl',
        'NOT',
        'NEAR(fox owl)',
        '(',
        ')',
        '^fox',
        'prompt:fox',
        '-fox',
        '+',
        '\\',
        '%',
        '_',
        '\u0000',
        '🦊',
        'x'.repeat(500),
        '{fox}',
        '[owl]',
        'fox OR',
        ':',
        ';DROP TABLE generations;--',
      ]
      for (const search of nasty) {
        expect(() => library.listGenerations({ search }), JSON.stringify(search)).not.toThrow()
      }
      // Text with no word in it is no filter at all.
      expect(library.listGenerations({ search: '"*()' }).items).toHaveLength(100)
      expect(library.listGenerations({ search: 'AND' }).items).toEqual([])
      expect(library.listGenerations({ search: '-fox' }).items.length).toBeGreaterThan(0)
    })

    it('refuses a cursor it did not make', () => {
      expect(() => library.listGenerations({ cursor: 'garbage' })).toThrow(
        expect.objectContaining({ code: 'INVALID_CURSOR' }),
      )
    })
  })
})
