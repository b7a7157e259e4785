/**
 * When the disk refuses a write. What each test proves:
 * - "disk full": SQLite's own SQLITE_FULL path, produced by capping the file's
 *   size (PRAGMA max_page_count) on the library's connection. It proves the
 *   error becomes a LibraryWriteError and that the failed transaction left
 *   nothing half-written. It does not fill a real disk.
 * - "read-only": the library opened with readOnly (SQLite's SQLITE_READONLY),
 *   the same code path a read-only medium produces.
 * - "folder not writable": chmod, which only bites for a non-root user; these
 *   machines run the tests as root, where it is skipped (root ignores modes).
 * - "folder cannot be created": a path through a regular file, which fails for
 *   root too.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openLibrary, LibraryWriteError } from '../../electron/core/db'
import {
  makeTempDir,
  newGeneration,
  recordingLogger,
  removeTempDirs,
  SEARCH_MODES,
  tempLibrary,
} from './library-fixtures'

afterEach(removeTempDirs)

const bigPrompt = (i: number) => `${'a long prompt that fills pages '.repeat(120)} ${i}`

describe('library: write failures', () => {
  it('turns a full disk into LibraryWriteError and rolls the whole transaction back', async () => {
    const dataDir = await makeTempDir()
    let capped = false
    const library = openLibrary({
      dataDir,
      logger: recordingLogger(),
      configureConnection: (db) => {
        // Room for a little more than what is there now.
        const pages = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count
        db.exec(`PRAGMA max_page_count = ${pages + 8}`)
        capped = true
      },
    })
    expect(capped).toBe(true)
    library.insertGenerations([newGeneration({ id: 'before' })])

    let thrown: unknown
    try {
      library.insertGenerations(
        Array.from({ length: 200 }, (_, i) => newGeneration({ id: `batch-${i}`, prompt: bigPrompt(i) })),
      )
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(LibraryWriteError)
    const writeError = thrown as LibraryWriteError
    expect(writeError.code).toBe('LIBRARY_WRITE_FAILED')
    expect(writeError.reason).toBe('SQLITE_FULL')
    expect(writeError.toIpcError()).toEqual({
      code: 'LIBRARY_WRITE_FAILED',
      message: expect.stringMatching(/could not write to its library.*disk is full/),
      data: { reason: 'SQLITE_FULL' },
    })
    // Nothing of the batch, everything from before.
    expect(library.listGenerations({ limit: 500 }).items.map((g) => g.id)).toEqual(['before'])
    // An update that cannot fit leaves the row as it was.
    expect(() =>
      library.updateGeneration('before', { error: { code: 'X', message: bigPrompt(0).repeat(10), detail: null } }),
    ).toThrow(LibraryWriteError)
    expect(library.getGeneration('before')?.version).toBe(1)
    // Small writes still fit.
    expect(library.updateGeneration('before', { favorite: true }).version).toBe(2)
    library.close()

    const reopened = openLibrary({ dataDir, logger: recordingLogger() })
    expect(reopened.checkIntegrity()).toEqual({ ok: true, problems: [] })
    expect(reopened.getGeneration('before')?.favorite).toBe(true)
    reopened.insertGenerations([newGeneration({ id: 'after', prompt: bigPrompt(1) })])
    expect(reopened.listGenerations({}).items.map((g) => g.id)).toEqual(['after', 'before'])
    reopened.close()
  })

  it.each(SEARCH_MODES)(
    'turns a read-only database into LibraryWriteError, and still reads (search: %s)',
    async (mode) => {
      const dataDir = await makeTempDir()
      const writable = openLibrary({ dataDir, logger: recordingLogger(), fts5: mode === 'full' })
      writable.insertGenerations([newGeneration({ id: 'kept', prompt: 'a fox' })])
      writable.close()

      const readOnly = openLibrary({ dataDir, logger: recordingLogger(), readOnly: true, fts5: mode === 'full' })
      expect(readOnly.search).toBe(mode)
      expect(readOnly.getGeneration('kept')?.prompt).toBe('a fox')
      expect(readOnly.listGenerations({ search: 'fo' }).items).toHaveLength(1)
      expect(() => readOnly.updateGeneration('kept', { favorite: true })).toThrow(
        expect.objectContaining({ code: 'LIBRARY_WRITE_FAILED', reason: 'SQLITE_READONLY' }),
      )
      expect(() => readOnly.insertGenerations([newGeneration()])).toThrow(LibraryWriteError)
      readOnly.close()

      const again = openLibrary({ dataDir, logger: recordingLogger() })
      expect(again.checkIntegrity().ok).toBe(true)
      expect(again.updateGeneration('kept', { favorite: true }).version).toBe(2)
      again.close()
    },
  )

  it.skipIf(process.getuid?.() === 0)('turns a read-only folder into LibraryWriteError (non-root only)', async () => {
    const dataDir = await makeTempDir()
    const library = openLibrary({ dataDir, logger: recordingLogger() })
    library.insertGenerations([newGeneration({ id: 'kept' })])
    library.close()
    const mode = (target: string, bits: number) => fs.chmodSync(target, bits)
    for (const file of fs.readdirSync(dataDir)) mode(path.join(dataDir, file), 0o555)
    mode(dataDir, 0o555)
    try {
      expect(() => {
        const readOnlyFolder = openLibrary({ dataDir, logger: recordingLogger() })
        try {
          readOnlyFolder.updateGeneration('kept', { favorite: true })
        } finally {
          readOnlyFolder.close()
        }
      }).toThrow(LibraryWriteError)
    } finally {
      mode(dataDir, 0o755)
      for (const file of fs.readdirSync(dataDir)) mode(path.join(dataDir, file), 0o644)
    }
    const reopened = openLibrary({ dataDir, logger: recordingLogger() })
    expect(reopened.checkIntegrity().ok).toBe(true)
    reopened.close()
  })

  it('turns a folder that cannot be created into LibraryWriteError', async () => {
    const parent = await makeTempDir()
    const file = path.join(parent, 'not-a-folder')
    fs.writeFileSync(file, 'x')
    expect(() => openLibrary({ dataDir: path.join(file, 'library'), logger: recordingLogger() })).toThrow(
      LibraryWriteError,
    )
  })

  it('rolls back a failing batch that is not a storage error, and rethrows it unchanged', async () => {
    const library = await tempLibrary()
    library.insertGenerations([newGeneration({ id: 'dup' })])
    expect(() => library.insertGenerations([newGeneration({ id: 'fresh' }), newGeneration({ id: 'dup' })])).toThrow(
      /UNIQUE/,
    )
    expect(library.getGeneration('fresh')).toBeNull()
    library.close()
  })
})
