/**
 * Search without FTS5: `node:sqlite` is not always built with it. A library made
 * with FTS5 and opened without it must keep accepting writes (its index triggers
 * would name a missing module) and still search; opened with FTS5 again, the
 * index is made whole again, rows written meanwhile included.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { openLibrary } from '../../electron/core/db'
import { makeTempDir, newGeneration, recordingLogger, removeTempDirs } from './library-fixtures'
import { DatabaseSync } from 'node:sqlite'
import path from 'node:path'

afterEach(async () => {
  await removeTempDirs()
})

function triggers(dataDir: string): string[] {
  const db = new DatabaseSync(path.join(dataDir, 'library.db'), { readOnly: true })
  try {
    return (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as Array<{ name: string }>
    ).map((row) => row.name)
  } finally {
    db.close()
  }
}

const ids = (items: Array<{ id: string }>) => items.map((g) => g.id).sort()

describe('library: search with and without FTS5', () => {
  it('this SQLite has FTS5, so the default is full search', async () => {
    const library = openLibrary({ dataDir: await makeTempDir(), logger: recordingLogger() })
    expect(library.search).toBe('full')
    library.close()
  })

  it('a library made with FTS5 keeps working without it, and is made whole when FTS5 is back', async () => {
    const dataDir = await makeTempDir()
    const full = openLibrary({ dataDir, logger: recordingLogger() })
    full.insertGenerations([
      newGeneration({ id: 'a', prompt: 'a red fox' }),
      newGeneration({ id: 'b', prompt: 'owl at night' }),
    ])
    full.close()
    expect(triggers(dataDir)).toEqual(['generations_fts_delete', 'generations_fts_insert', 'generations_fts_update'])

    const logs = recordingLogger()
    const basic = openLibrary({ dataDir, logger: logs, fts5: false })
    expect(basic.search).toBe('basic')
    // The triggers that would call the missing module are gone, so writes go on.
    expect(triggers(dataDir)).toEqual([])
    basic.insertGenerations([newGeneration({ id: 'c', prompt: 'a fox cub' })])
    basic.updateGeneration('a', { status: 'failed' })
    expect(ids(basic.listGenerations({ search: 'fox' }).items)).toEqual(['a', 'c'])
    expect(basic.listGenerations({ search: 'fo', withTotal: true }).total).toBe(2)
    expect(basic.listIds({ search: 'ow' }, 10).ids).toEqual(['b'])
    expect(basic.checkIntegrity()).toEqual({ ok: true, problems: [] })
    basic.close()

    const again = openLibrary({ dataDir, logger: recordingLogger() })
    expect(again.search).toBe('full')
    expect(triggers(dataDir)).toHaveLength(3)
    // 'c' was written while the index slept: the rebuild at open put it in.
    expect(ids(again.listGenerations({ search: 'fox' }).items)).toEqual(['a', 'c'])
    expect(again.checkIntegrity()).toEqual({ ok: true, problems: [] })
    again.close()
  })

  it('a library made without FTS5 gets its index when opened with it', async () => {
    const dataDir = await makeTempDir()
    const basic = openLibrary({ dataDir, logger: recordingLogger(), fts5: false })
    basic.insertGenerations([newGeneration({ id: 'a', prompt: 'café on the corner' })])
    expect(ids(basic.listGenerations({ search: 'cafe' }).items)).toEqual(['a'])
    basic.close()
    expect(triggers(dataDir)).toEqual([])

    const full = openLibrary({ dataDir, logger: recordingLogger() })
    expect(ids(full.listGenerations({ search: 'cafe' }).items)).toEqual(['a'])
    expect(full.checkIntegrity()).toEqual({ ok: true, problems: [] })
    full.close()
  })
})
