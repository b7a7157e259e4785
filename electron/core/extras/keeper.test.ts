/**
 * The keeper on a real library and real files: a burst of changes is one write
 * per kind, a copy that already says the same is left alone, nothing is written
 * while a rebuild holds the copy, and every file is whole JSON of its format.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  makeTempDir,
  newGeneration,
  recordingLogger,
  removeTempDirs,
} from '../../../tests/integration/library-fixtures'
import { openLibrary, type SqliteLibraryApi } from '../db'
import { extrasFile } from './files'
import { createExtrasKeeper, type ExtrasKeeper } from './keeper'

const open: SqliteLibraryApi[] = []
afterEach(async () => {
  for (const library of open.splice(0)) library.close()
  await removeTempDirs()
})

/** A library wired to its keeper as the core wires them; `delayMs` long enough that only flush writes. */
async function setup(delayMs = 60_000) {
  const dataDir = await makeTempDir()
  const logger = recordingLogger()
  let keeper: ExtrasKeeper | null = null
  const library = openLibrary({ dataDir, logger, onExtrasChanged: (kind) => keeper?.changed(kind) })
  open.push(library)
  keeper = createExtrasKeeper({ dataDir, library: () => library, logger, delayMs, maxDelayMs: delayMs })
  const writes = (kind: string) =>
    logger.entries.filter((e) => e.msg === "library's copy written" && (e.obj as { kind: string }).kind === kind).length
  const read = (kind: 'styles' | 'collections' | 'history') =>
    JSON.parse(fs.readFileSync(extrasFile(dataDir, kind), 'utf8')) as { format: string; entries: unknown[] }
  return { dataDir, library, keeper, writes, read }
}

describe('the extras keeper', () => {
  it('adding 10 000 images to a board in 100 calls writes the copy once', async () => {
    const { library, keeper, writes, read } = await setup()
    const rows = Array.from({ length: 10_000 }, () => newGeneration())
    library.insertGenerations(rows)
    const board = library.createCollection({ id: 'board-1', name: 'Everything' })
    for (let i = 0; i < rows.length; i += 100) {
      library.addToCollection(
        board.id,
        rows.slice(i, i + 100).map((r) => r.id),
      )
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(writes('collections')).toBe(0)
    await keeper.flush()
    expect(writes('collections')).toBe(1)
    const copy = read('collections')
    expect(copy.format).toBe('atelier.library-collections')
    expect(copy.entries).toEqual([
      expect.objectContaining({ id: 'board-1', name: 'Everything', generationIds: rows.map((r) => r.id) }),
    ])
    // Nothing else changed: nothing else was written.
    expect(writes('styles') + writes('history')).toBe(0)
    await keeper.stop()
  })

  it('writes by itself after the delay, keeps trashed members, and leaves a copy that says the same alone', async () => {
    const { dataDir, library, keeper, writes, read } = await setup(20)
    library.insertGenerations([newGeneration({ id: 'kept' }), newGeneration({ id: 'binned' })])
    const board = library.createCollection({ id: 'b', name: 'Board' })
    library.addToCollection(board.id, ['kept', 'binned'])
    library.softDelete(['binned'])
    library.styles.create({ name: 'Film', text: 'grain' })
    library.history.record('a fox', '1:1')
    for (let i = 0; i < 200 && writes('collections') + writes('styles') + writes('history') < 3; i++)
      await new Promise((resolve) => setTimeout(resolve, 25))
    // In the trash, still in its board: a rebuild brings the image back, and it belongs there.
    expect(read('collections').entries).toEqual([expect.objectContaining({ generationIds: ['binned', 'kept'] })])
    expect(read('styles').entries).toEqual([expect.objectContaining({ name: 'Film', text: 'grain' })])
    expect(read('history').entries).toEqual([expect.objectContaining({ prompt: 'a fox', uses: 1 })])
    await keeper.stop()

    // A new keeper (the next start) checks every kind and finds the files already say it.
    const logger = recordingLogger()
    const next = createExtrasKeeper({ dataDir, library: () => library, logger })
    const before = fs.statSync(extrasFile(dataDir, 'styles')).mtimeMs
    next.checkAll()
    await next.stop()
    expect(logger.entries.filter((e) => e.msg === "library's copy written")).toEqual([])
    expect(fs.statSync(extrasFile(dataDir, 'styles')).mtimeMs).toBe(before)
  })

  it('writes nothing while held, and what changed meanwhile once released', async () => {
    const { library, keeper, writes, read } = await setup()
    library.styles.create({ name: 'Before', text: 'one' })
    const release = await keeper.hold()
    // The hold wrote what was pending first: a rebuild reads this.
    expect(read('styles').entries).toHaveLength(1)
    library.styles.create({ name: 'During', text: 'two' })
    await keeper.flush()
    expect(writes('styles')).toBe(1)
    release()
    await keeper.flush()
    expect(writes('styles')).toBe(2)
    expect(read('styles').entries).toHaveLength(2)
    await keeper.stop()
    library.styles.create({ name: 'After stop', text: 'three' })
    await keeper.flush()
    expect(writes('styles')).toBe(2)
  })

  it('a disk that refuses the write leaves the old copy whole and tries again', async () => {
    const { dataDir, library, keeper, writes, read } = await setup()
    library.styles.create({ name: 'First', text: 'one' })
    await keeper.flush()
    // tmp/ (where the copy is written before its rename) replaced by a file: every write fails.
    fs.rmSync(path.join(dataDir, 'tmp'), { recursive: true })
    fs.writeFileSync(path.join(dataDir, 'tmp'), 'not a folder')
    library.styles.create({ name: 'Second', text: 'two' })
    await keeper.flush()
    expect(read('styles').entries).toHaveLength(1)
    fs.rmSync(path.join(dataDir, 'tmp'))
    fs.mkdirSync(path.join(dataDir, 'tmp'))
    await keeper.flush()
    expect(read('styles').entries).toHaveLength(2)
    expect(writes('styles')).toBe(2)
    await keeper.stop()
  })
})
