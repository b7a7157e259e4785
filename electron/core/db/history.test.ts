/** The prompt history: one entry per exact text at its newest use, searchable, paged, cleared apart from the images. */
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import {
  makeTempDir,
  newGeneration,
  recordingLogger,
  removeTempDirs,
  tempLibrary,
} from '../../../tests/integration/library-fixtures'
import { openLibrary } from './index'
import { migrate } from './migrations'

afterEach(removeTempDirs)

function steppingClock(start = Date.parse('2026-01-01T00:00:00.000Z')) {
  let now = start
  return { now: () => (now += 1000) }
}

async function library() {
  return tempLibrary({ clock: steppingClock() })
}

describe('prompt history', () => {
  it('takes back entries from the library copy: new ones added, a prompt already here keeps its later use and higher count', async () => {
    const lib = await library()
    lib.history.record('a red fox', '1:1') // 00:00:01
    const added = lib.history.restore([
      { prompt: 'a red fox', aspectRatio: '4:3', lastUsedAt: '2025-06-01T00:00:00Z', uses: 5 },
      { prompt: 'an owl', aspectRatio: '3:4', lastUsedAt: '2025-07-01T00:00:00Z', uses: 2 },
    ])
    expect(added).toBe(1)
    expect(lib.history.list({ query: '', limit: 10, cursor: null }).items).toEqual([
      { prompt: 'a red fox', aspectRatio: '1:1', lastUsedAt: '2026-01-01T00:00:01.000Z', uses: 5 },
      // Stored in the one timestamp shape, so the keyset order holds.
      { prompt: 'an owl', aspectRatio: '3:4', lastUsedAt: '2025-07-01T00:00:00.000Z', uses: 2 },
    ])
    expect(lib.history.restore([])).toBe(0)
    lib.close()
  })

  it('collapses the same text to its newest use, with the ratio of that use, newest first', async () => {
    const lib = await library()
    lib.history.record('a red fox', '1:1')
    lib.history.record('an owl at night', '3:4')
    lib.history.record('a red fox', '4:3')
    lib.history.record('A red fox', '1:1')
    const { items, nextCursor } = lib.history.list({ query: '', limit: 10, cursor: null })
    expect(items.map((e) => [e.prompt, e.aspectRatio, e.uses])).toEqual([
      ['A red fox', '1:1', 1],
      ['a red fox', '4:3', 2],
      ['an owl at night', '3:4', 1],
    ])
    expect(nextCursor).toBeNull()
    lib.close()
  })

  it('finds prompts holding every word, in any order and case, with LIKE wildcards taken literally', async () => {
    const lib = await library()
    lib.history.record('a red fox in snow', '1:1')
    lib.history.record('a fox, 100% red', '1:1')
    lib.history.record('blue_whale', '1:1')
    lib.history.record('bluewhale', '1:1')
    const find = (query: string) => lib.history.list({ query, limit: 10, cursor: null }).items.map((e) => e.prompt)
    expect(find('FOX red')).toEqual(['a fox, 100% red', 'a red fox in snow'])
    expect(find('100%')).toEqual(['a fox, 100% red'])
    expect(find('blue_')).toEqual(['blue_whale'])
    expect(find('  ')).toHaveLength(4)
    lib.close()
  })

  it('pages with a cursor without skipping or repeating, and refuses a foreign cursor', async () => {
    const lib = await library()
    for (let i = 0; i < 7; i += 1) lib.history.record(`prompt ${i}`, '1:1')
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: ReturnType<typeof lib.history.list> = lib.history.list({ query: '', limit: 3, cursor })
      seen.push(...page.items.map((e) => e.prompt))
      cursor = page.nextCursor
    } while (cursor !== null)
    expect(seen).toEqual(['prompt 6', 'prompt 5', 'prompt 4', 'prompt 3', 'prompt 2', 'prompt 1', 'prompt 0'])
    expect(() => lib.history.list({ query: '', limit: 3, cursor: 'bm9wZQ' })).toThrow(/no longer valid/)
    lib.close()
  })

  it('survives emptying the trash; clearing it leaves every generation', async () => {
    const lib = await library()
    lib.insertGenerations([newGeneration({ id: 'g1', prompt: 'kept prompt' })])
    lib.history.record('kept prompt', '1:1')
    lib.updateGeneration('g1', { status: 'failed', error: { code: 'X', message: 'x', detail: null } })
    lib.softDelete(['g1'])
    lib.purgeTrash()
    expect(lib.history.list({ query: '', limit: 10, cursor: null }).items.map((e) => e.prompt)).toEqual(['kept prompt'])
    lib.insertGenerations([newGeneration({ id: 'g2', prompt: 'another' })])
    expect(lib.history.clear()).toBe(1)
    expect(lib.history.list({ query: '', limit: 10, cursor: null }).items).toEqual([])
    expect(lib.getGeneration('g2')).not.toBeNull()
    lib.close()
  })

  it('is seeded by the migration from the generations already in a library', async () => {
    const dataDir = await makeTempDir()
    const db = new DatabaseSync(path.join(dataDir, 'library.db'))
    db.exec('PRAGMA journal_mode = WAL')
    migrate(db, recordingLogger(), 3)
    const insert = db.prepare(
      `INSERT INTO generations (id, status, prompt, aspect_ratio, created_at, updated_at) VALUES (?, 'completed', ?, ?, ?, ?)`,
    )
    insert.run('a', 'a fox', '1:1', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')
    insert.run('b', 'a fox', '4:3', '2025-01-03T00:00:00.000Z', '2025-01-03T00:00:00.000Z')
    insert.run('c', 'an owl', '3:4', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z')
    db.close()
    const lib = openLibrary({ dataDir, logger: recordingLogger() })
    expect(lib.history.list({ query: '', limit: 10, cursor: null }).items).toEqual([
      { prompt: 'a fox', aspectRatio: '4:3', lastUsedAt: '2025-01-03T00:00:00.000Z', uses: 2 },
      { prompt: 'an owl', aspectRatio: '3:4', lastUsedAt: '2025-01-02T00:00:00.000Z', uses: 1 },
    ])
    lib.close()
  })
})
