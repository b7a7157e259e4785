/**
 * Upgrades: a database at any earlier schema version opens with the current
 * code and keeps its data; a migration that fails leaves the database at the
 * previous version; a database from a newer Atelier is refused, not guessed at.
 */
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { Generation } from '../../shared/domain'
import { openLibrary, LATEST_VERSION } from '../../electron/core/db'
import { migrate, schemaVersion } from '../../electron/core/db/migrations'
import { makeTempDir, recordingLogger, removeTempDirs, SEARCH_MODES } from './library-fixtures'

afterEach(removeTempDirs)

async function databaseAt(version: number): Promise<{ dataDir: string; db: DatabaseSync }> {
  const dataDir = await makeTempDir()
  const db = new DatabaseSync(path.join(dataDir, 'library.db'))
  db.exec('PRAGMA journal_mode = WAL')
  migrate(db, recordingLogger(), version)
  expect(schemaVersion(db)).toBe(version)
  return { dataDir, db }
}

/** Rows as the v1 code wrote them: timestamps as given (not canonical), prices as strings only. */
function insertV1Rows(db: DatabaseSync): void {
  const insert = db.prepare(`
    INSERT INTO generations (id, task_uuid, status, prompt, aspect_ratio, price, created_at, submitted_at, finished_at, updated_at,
      image_path, thumb_path, image_width, image_height, image_bytes, image_sha256, image_mime, favorite, version)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  insert.run(
    'v1-a',
    'task-a',
    'completed',
    'a red fox at dawn',
    '1:1',
    '0.1',
    '2025-01-01T10:00:00Z',
    '2025-01-01T10:00:01Z',
    '2025-01-01T10:01:31.5Z',
    '2025-01-01T10:01:32Z',
    'images/a.png',
    'thumbs/a.webp',
    1024,
    1024,
    5000,
    'aa',
    'image/png',
    1,
    4,
  )
  insert.run(
    'v1-b',
    'task-b',
    'failed',
    'forbidden owl',
    '4:3',
    '0.1',
    '2025-01-01T10:00:00.500Z',
    '2025-01-01T10:00:02Z',
    '2025-01-01T10:02:00Z',
    '2025-01-01T10:02:00Z',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    0,
    3,
  )
  insert.run(
    'v1-c',
    null,
    'queued',
    'lighthouse in fog',
    'auto',
    null,
    '2025-01-02T08:00:00+01:00',
    null,
    null,
    '2025-01-02T08:00:00+01:00',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    0,
    1,
  )
  db.prepare(
    "INSERT INTO refs (id, kind, path, mime, width, height, name, created_at) VALUES (?, 'file', ?, 'image/jpeg', 10, 10, ?, ?)",
  ).run('ref-1', 'refs/ref-1.jpg', 'photo.jpg', '2025-01-01T09:00:00Z')
  db.prepare(
    "INSERT INTO refs (id, kind, url, created_at) VALUES ('ref-2', 'url', 'https://example.com/x.png', '2025-01-01T09:00:00Z')",
  ).run()
  const link = db.prepare('INSERT INTO generation_references (generation_id, position, reference_id) VALUES (?, ?, ?)')
  link.run('v1-a', 0, 'ref-2')
  link.run('v1-a', 1, 'ref-1')
}

describe('library: migrations', () => {
  it.each(Array.from({ length: LATEST_VERSION }, (_, v) => v))(
    'opens a database at schema %i and brings it to the latest',
    async (version) => {
      const { dataDir, db } = await databaseAt(version)
      db.close()
      const library = openLibrary({ dataDir, logger: recordingLogger() })
      expect(library.schemaVersion()).toBe(LATEST_VERSION)
      expect(library.checkIntegrity()).toEqual({ ok: true, problems: [] })
      library.close()
    },
  )

  // Without FTS5 the migrations leave the index out, and search still finds the same rows.
  it.each(SEARCH_MODES)(
    'upgrades v1 data: canonical timestamps, exact money, durations, search (%s), references in order',
    async (mode) => {
      const { dataDir, db } = await databaseAt(1)
      insertV1Rows(db)
      db.close()

      const library = openLibrary({ dataDir, logger: recordingLogger(), fts5: mode === 'full' })
      expect(library.search).toBe(mode)
      const a = library.getGeneration('v1-a')
      expect(Generation.parse(a)).toEqual(a)
      expect(a).toMatchObject({
        createdAt: '2025-01-01T10:00:00.000Z',
        finishedAt: '2025-01-01T10:01:31.500Z',
        price: '0.1',
        favorite: true,
        version: 4,
        image: { path: 'images/a.png', width: 1024 },
      })
      expect(a?.references.map((r) => r.id)).toEqual(['ref-2', 'ref-1'])
      expect(a?.references[1]).toMatchObject({
        kind: 'file',
        path: 'refs/ref-1.jpg',
        sourceGenerationId: null,
        name: 'photo.jpg',
      })
      // "+01:00" became UTC, so it sorts where it belongs.
      expect(library.getGeneration('v1-c')?.createdAt).toBe('2025-01-02T07:00:00.000Z')
      expect(library.listGenerations({}).items.map((g) => g.id)).toEqual(['v1-c', 'v1-b', 'v1-a'])

      expect(library.spendSummary(new Date('2025-01-15T12:00:00Z'))).toMatchObject({
        total: '0.2',
        chargedButFailed: '0.1',
      })
      expect(library.recentDurations(5)).toEqual([{ aspectRatio: '1:1', references: 2, ms: 90_500 }])
      expect(library.listGenerations({ search: 'fo' }).items.map((g) => g.id)).toEqual(['v1-c', 'v1-b', 'v1-a'])
      expect(library.listGenerations({ search: 'fox' }).items.map((g) => g.id)).toEqual(['v1-a'])
      expect(library.listUnfinished().map((e) => e.generation.id)).toEqual(['v1-c'])
      expect(library.checkIntegrity().ok).toBe(true)

      // New rows after the upgrade live side by side with the old ones.
      library.insertGenerations([
        {
          id: 'v2-new',
          prompt: 'a fox again',
          aspectRatio: '1:1',
          references: [],
          callbackUrl: null,
          createdAt: '2025-02-01T00:00:00.000Z',
        },
      ])
      expect(library.listGenerations({ search: 'fox' }).items.map((g) => g.id)).toEqual(['v2-new', 'v1-a'])
      library.close()
    },
  )

  it('leaves the database at the previous version when a migration fails half-way', async () => {
    const { dataDir, db } = await databaseAt(1)
    insertV1Rows(db)
    // The database may not grow: v2's new indexes need pages, so SQLite reports a full disk mid-migration.
    const pages = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count
    db.exec(`PRAGMA max_page_count = ${pages}`)
    expect(() => migrate(db, recordingLogger())).toThrow(/full/)
    expect(schemaVersion(db)).toBe(1)
    const columns = (db.prepare('PRAGMA table_info(generations)').all() as Array<{ name: string }>).map((c) => c.name)
    expect(columns).not.toContain('price_micros')
    expect((db.prepare('SELECT COUNT(*) AS n FROM generations').get() as { n: number }).n).toBe(3)
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' })
    db.close()

    // With room again, the same database upgrades normally.
    const library = openLibrary({ dataDir, logger: recordingLogger() })
    expect(library.schemaVersion()).toBe(LATEST_VERSION)
    expect(library.getGeneration('v1-a')?.price).toBe('0.1')
    library.close()
  })

  it('refuses a database written by a newer Atelier', async () => {
    const { dataDir, db } = await databaseAt(LATEST_VERSION)
    db.exec(`PRAGMA user_version = ${LATEST_VERSION + 1}`)
    db.close()
    expect(() => openLibrary({ dataDir, logger: recordingLogger() })).toThrow(
      expect.objectContaining({ code: 'LIBRARY_TOO_NEW' }),
    )
  })
})
