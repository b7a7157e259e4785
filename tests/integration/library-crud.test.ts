/**
 * The ledger's round trip on a real SQLite file: what goes in comes back as a
 * valid `Generation`, every update bumps the version and survives a reopen.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Generation } from '../../shared/domain'
import { openLibrary, type SqliteLibraryApi } from '../../electron/core/db'
import { idByTaskUuid, ledgerFacts } from '../support/dbProbe'
import {
  fileReference,
  makeTempDir,
  manualClock,
  newGeneration,
  recordingLogger,
  removeTempDirs,
  SEARCH_MODES,
  tempLibrary,
} from './library-fixtures'

const open: SqliteLibraryApi[] = []
function track(library: SqliteLibraryApi): SqliteLibraryApi {
  open.push(library)
  return library
}

afterEach(async () => {
  for (const library of open.splice(0)) library.close()
  await removeTempDirs()
})

describe('library: opening', () => {
  it('creates its folders and configures SQLite for durability', async () => {
    const dataDir = await makeTempDir()
    const pragmas: Record<string, unknown> = {}
    const library = track(
      openLibrary({
        dataDir,
        logger: recordingLogger(),
        configureConnection: (db) => {
          for (const name of ['journal_mode', 'synchronous', 'foreign_keys', 'busy_timeout']) {
            pragmas[name] = Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0]
          }
        },
      }),
    )
    for (const entry of ['library.db', 'images', 'thumbs', 'refs', 'tmp']) {
      expect(fs.existsSync(path.join(dataDir, entry)), entry).toBe(true)
    }
    // synchronous 2 = FULL: a COMMIT that returned has been synced to disk.
    expect(pragmas).toEqual({ journal_mode: 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: 5000 })
    expect(library.dataDir).toBe(path.resolve(dataDir))
    expect(library.checkIntegrity()).toEqual({ ok: true, problems: [] })
  })

  it.each(SEARCH_MODES)(
    'never gathers planner statistics (they go stale as the library grows; see Library.close; search: %s)',
    async (mode) => {
      const dataDir = await makeTempDir()
      const first = openLibrary({ dataDir, logger: recordingLogger(), fts5: mode === 'full' })
      first.insertGenerations([newGeneration({ prompt: 'a fox' })])
      expect(first.listGenerations({ search: 'fo' }).items).toHaveLength(1)
      first.close()
      let tables: string[] = []
      track(
        openLibrary({
          dataDir,
          logger: recordingLogger(),
          configureConnection: (db) => {
            tables = (
              db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%'").all() as Array<{
                name: string
              }>
            ).map((row) => row.name)
          },
        }),
      )
      expect(tables).toEqual([])
    },
  )
})

describe('library: generations', () => {
  it('round-trips a generation with its references, valid against the domain schema', async () => {
    const clock = manualClock()
    const library = track(await tempLibrary({ clock }))
    const refs = [
      fileReference('ref-b'),
      fileReference('ref-a', { kind: 'url', path: null, url: 'https://example.com/a.png' }),
    ]
    const [created] = library.insertGenerations([
      newGeneration({
        id: 'g1',
        prompt: 'a fox in the snow',
        aspectRatio: '3:4',
        references: refs,
        callbackUrl: 'https://hooks.example.com/x',
      }),
    ])
    expect(Generation.parse(created)).toEqual(created)
    expect(created).toMatchObject({
      id: 'g1',
      status: 'queued',
      taskUuid: null,
      prompt: 'a fox in the snow',
      aspectRatio: '3:4',
      callbackUrl: 'https://hooks.example.com/x',
      price: null,
      version: 1,
      favorite: false,
      stalled: false,
      error: null,
      image: null,
      retry: null,
      updatedAt: new Date(clock.now()).toISOString(),
    })
    // Order is the order given, not the ids' order.
    expect(created?.references.map((r) => r.id)).toEqual(['ref-b', 'ref-a'])
    expect(created?.references).toEqual(refs)
    expect(library.getGeneration('g1')).toEqual(created)
    expect(library.getGeneration('nope')).toBeNull()
  })

  it('applies every kind of patch, bumps version and updatedAt, and keeps it across a reopen', async () => {
    const dataDir = await makeTempDir()
    const clock = manualClock()
    let library = track(openLibrary({ dataDir, logger: recordingLogger(), clock }))
    library.insertGenerations([newGeneration({ id: 'g1' })])

    clock.advance(1000)
    const submitted = library.updateGeneration('g1', {
      status: 'pending',
      taskUuid: 'task-1',
      price: '0.0400',
      submittedAt: new Date(clock.now()).toISOString(),
      nextCheckAt: clock.now() + 5000,
      attempts: 0,
    })
    expect(submitted).toMatchObject({ status: 'pending', taskUuid: 'task-1', price: '0.0400', version: 2 })
    expect(submitted.updatedAt).toBe(new Date(clock.now()).toISOString())

    clock.advance(1000)
    const retrying = library.updateGeneration('g1', {
      status: 'downloading',
      stalled: true,
      remoteUrl: 'https://cdn.example.com/r.png',
      retry: { reason: 'download failed', at: new Date(clock.now() + 30_000).toISOString(), attempt: 2 },
      error: { code: 'NETWORK', message: 'No connection.', detail: null },
      attempts: 2,
    })
    expect(retrying).toMatchObject({
      version: 3,
      stalled: true,
      retry: { reason: 'download failed', attempt: 2 },
      error: { code: 'NETWORK', message: 'No connection.', detail: null },
    })

    clock.advance(90_000)
    const image = {
      path: 'images/g1.png',
      thumbPath: 'thumbs/g1.webp',
      width: 1024,
      height: 1365,
      bytes: 123_456,
      sha256: 'ab'.repeat(32),
      mime: 'image/png',
    }
    const done = library.updateGeneration('g1', {
      status: 'completed',
      image,
      retry: null,
      error: null,
      stalled: false,
      favorite: true,
    })
    expect(Generation.parse(done)).toEqual(done)
    expect(done).toMatchObject({ status: 'completed', image, retry: null, error: null, favorite: true, version: 4 })
    // A final status without a finish time gets one: the moment of the update.
    expect(done.finishedAt).toBe(new Date(clock.now()).toISOString())

    expect({ generation: library.getGeneration('g1'), ...ledgerFacts(library, 'g1') }).toEqual({
      generation: done,
      nextCheckAt: Date.UTC(2025, 5, 15, 12) + 6000,
      attempts: 2,
    })
    library.close()
    library = track(openLibrary({ dataDir, logger: recordingLogger(), clock }))
    expect(library.getGeneration('g1')).toEqual(done)
    expect(library.getGeneration(idByTaskUuid(library, 'task-1')!)).toEqual(done)
    // Submit → completed, recorded once at completion.
    expect(library.recentDurations(10)).toEqual([{ aspectRatio: '1:1', references: 0, ms: 91_000 }])
  })

  it('returns from a write exactly what a later read gives, whatever the text', async () => {
    const library = track(await tempLibrary())
    const prompts = [
      'emoji 🦊 "quotes" \\ back\nslash',
      'lone \ud800 surrogate',
      'nul\u0000inside',
      'ünïcödé 日本語',
      "it's; DROP TABLE generations;--",
    ]
    const inserted = library.insertGenerations(
      prompts.map((prompt) => newGeneration({ prompt, createdAt: '2025-01-01T00:00:00Z' })),
    )
    for (const generation of inserted) {
      expect(library.getGeneration(generation.id)).toEqual(generation)
      expect(generation.createdAt).toBe('2025-01-01T00:00:00.000Z')
    }
    expect(inserted.map((g) => g.prompt)).toEqual([
      prompts[0],
      'lone \ufffd surrogate',
      'nulinside',
      prompts[3],
      prompts[4],
    ])
    const failed = library.updateGeneration(inserted[0]!.id, {
      status: 'failed',
      error: { code: 'X', message: 'a\u0000b', detail: '\udc00' },
    })
    expect(library.getGeneration(failed.id)).toEqual(failed)
  })

  it('inserts large batches in one go', async () => {
    const library = track(await tempLibrary())
    const rows = Array.from({ length: 1000 }, (_, i) =>
      newGeneration({ id: `bulk-${i}`, references: i % 7 === 0 ? [fileReference(`r${i % 3}`)] : [] }),
    )
    const inserted = library.insertGenerations(rows)
    expect(inserted.map((g) => g.id)).toEqual(rows.map((r) => r.id))
    expect(library.getGeneration('bulk-999')).toEqual(inserted[999])
    expect(library.getGeneration('bulk-7')?.references.map((r) => r.id)).toEqual(['r1'])
    expect(library.listGenerations({ limit: 500 }).items).toHaveLength(500)
  })

  it('updates several rows in one transaction', async () => {
    const library = track(await tempLibrary())
    library.insertGenerations([newGeneration({ id: 'a' }), newGeneration({ id: 'b' })])
    const updated = library.updateGenerations([
      { id: 'a', patch: { status: 'processing' } },
      { id: 'b', patch: { status: 'pending', taskUuid: 'tb' } },
    ])
    expect(updated.map((g) => [g.id, g.status, g.version])).toEqual([
      ['a', 'processing', 2],
      ['b', 'pending', 2],
    ])
  })

  it('refuses an unknown id, and a task uuid twice', async () => {
    const library = track(await tempLibrary())
    library.insertGenerations([newGeneration({ id: 'a' }), newGeneration({ id: 'b' })])
    expect(() => library.updateGeneration('missing', { status: 'failed' })).toThrow(
      expect.objectContaining({ code: 'GENERATION_NOT_FOUND' }),
    )
    library.updateGeneration('a', { taskUuid: 'same' })
    expect(() => library.updateGeneration('b', { taskUuid: 'same' })).toThrow(/UNIQUE/)
    expect(library.getGeneration('b')?.version).toBe(1)
  })

  it('lists unfinished rows oldest first with the engine bookkeeping', async () => {
    const library = track(await tempLibrary())
    const statuses = [
      'queued',
      'submitting',
      'pending',
      'processing',
      'downloading',
      'completed',
      'failed',
      'rejected',
      'unknown',
    ] as const
    library.insertGenerations(
      statuses.map((_, i) =>
        newGeneration({ id: `g${i}`, createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, 10 - i)).toISOString() }),
      ),
    )
    statuses.forEach((status, i) => library.updateGeneration(`g${i}`, { status, nextCheckAt: 1000 + i, attempts: i }))
    const unfinished = library.listUnfinished()
    expect(unfinished.map((entry) => entry.generation.status)).toEqual([
      'downloading',
      'processing',
      'pending',
      'submitting',
      'queued',
    ])
    expect(unfinished[0]).toMatchObject({ nextCheckAt: 1004, attempts: 4 })
  })

  it('keeps lineage: a reference made from a result points at its parent', async () => {
    const library = track(await tempLibrary())
    library.insertGenerations([newGeneration({ id: 'parent' })])
    const fromParent = fileReference('ref-parent', { sourceGenerationId: 'parent' })
    library.saveReference(fromParent)
    library.saveReference(fileReference('ref-parent', { name: 'second name is ignored' }))
    expect(library.getReference('ref-parent')).toEqual(fromParent)
    library.insertGenerations([newGeneration({ id: 'remix', references: [fromParent] })])
    expect(library.lineage('parent').children.map((g) => g.id)).toEqual(['remix'])
    expect(library.getGeneration('remix')?.references[0]?.sourceGenerationId).toBe('parent')
    // A parent that is not in the library is not invented.
    library.saveReference(fileReference('orphan', { sourceGenerationId: 'gone' }))
    expect(library.getReference('orphan')?.sourceGenerationId).toBeNull()
    expect(library.getReference('unknown')).toBeNull()
  })

  it('reports recent durations newest first with aspect ratio and reference count', async () => {
    const clock = manualClock()
    const library = track(await tempLibrary({ clock }))
    const base = Date.UTC(2025, 0, 1)
    const iso = (ms: number) => new Date(ms).toISOString()
    library.insertGenerations([
      newGeneration({ id: 'old', aspectRatio: '4:3' }),
      newGeneration({ id: 'new', aspectRatio: 'auto', references: [fileReference('r1'), fileReference('r2')] }),
      newGeneration({ id: 'failed' }),
    ])
    library.updateGeneration('old', { status: 'completed', submittedAt: iso(base), finishedAt: iso(base + 60_000) })
    library.updateGeneration('new', {
      status: 'completed',
      submittedAt: iso(base + 1000),
      finishedAt: iso(base + 121_000),
    })
    library.updateGeneration('failed', { status: 'failed', submittedAt: iso(base), finishedAt: iso(base + 200_000) })
    expect(library.recentDurations(10)).toEqual([
      { aspectRatio: 'auto', references: 2, ms: 120_000 },
      { aspectRatio: '4:3', references: 0, ms: 60_000 },
    ])
    expect(library.recentDurations(1)).toHaveLength(1)
  })
})
