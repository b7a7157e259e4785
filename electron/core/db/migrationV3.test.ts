/** v2 → v3 keeps every row and adds the trash, import and file-check columns; a library at v3 round-trips them. */
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { makeTempDir, recordingLogger, removeTempDirs } from '../../../tests/integration/library-fixtures'
import { openLibrary } from './index'
import { LATEST_VERSION, migrate, schemaVersion } from './migrations'

afterEach(removeTempDirs)

describe('library: migration to v3', () => {
  it('upgrades a v2 library with its data', async () => {
    const dataDir = await makeTempDir()
    const db = new DatabaseSync(path.join(dataDir, 'library.db'))
    db.exec('PRAGMA journal_mode = WAL')
    migrate(db, recordingLogger(), 2)
    db.prepare(
      `INSERT INTO generations (id, task_uuid, status, prompt, aspect_ratio, price, price_micros, created_at, submitted_at, updated_at,
         image_path, thumb_path, image_width, image_height, image_bytes, image_sha256, image_mime, deleted_at)
       VALUES ('v2-a', 'task-a', 'completed', 'a fox', '1:1', '0.04', 40000, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:01.000Z',
         '2025-01-01T00:01:00.000Z', 'images/a.png', 'thumbs/a.webp', 8, 8, 10, 'aa', 'image/png', '2025-02-01T00:00:00.000Z')`,
    ).run()
    db.close()

    const library = openLibrary({ dataDir, logger: recordingLogger() })
    expect(library.schemaVersion()).toBe(LATEST_VERSION)
    const a = library.getGeneration('v2-a')
    expect(a).toMatchObject({ deletedAt: '2025-02-01T00:00:00.000Z', image: { path: 'images/a.png' } })
    expect(a?.image?.missing).toBeUndefined()
    expect(library.listGenerations({ trash: true }).items.map((g) => g.id)).toEqual(['v2-a'])
    expect(library.setImageMissing([{ id: 'v2-a', missing: true }]).map((g) => g.image?.missing)).toEqual([true])
    expect(library.setImageMissing([{ id: 'v2-a', missing: true }])).toEqual([])
    expect(library.purgeTrash().removed).toEqual(['v2-a'])
    expect(library.spendSummary(new Date('2025-01-15T00:00:00Z')).total).toBe('0.04')
    expect(library.checkIntegrity().ok).toBe(true)
    library.close()
    const check = new DatabaseSync(path.join(dataDir, 'library.db'))
    expect(schemaVersion(check)).toBe(LATEST_VERSION)
    check.close()
  })
})
