/**
 * The library survives losing its database: real results made by the engine
 * against the simulator (so every file carries its recipe), then library.db is
 * deleted, truncated, overwritten in some pages, or loses its WAL. Opening again
 * rebuilds every generation that has a file — prompt, price, uuid, lineage —
 * and nothing on disk is deleted.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import type { Generation, ReferenceInfo } from '../../shared/domain'
import { openLibrary, type SqliteLibraryApi } from '../../electron/core/db'
import { openLibraryOrRebuild, rebuildFromFiles } from '../../electron/core/rebuild'
import { createHarness, recordingLogger, removeTempDirs } from './engine-harness'

afterEach(async () => {
  await removeTempDirs()
})

interface Made {
  dataDir: string
  /** Every row as the engine left it. */
  rows: Generation[]
  withFile: Generation[]
  childOfFile: string
  childOfLink: string
  parent: string
}

/** Three plain results, a remix of one through a prepared file reference, one through a link, one failure (no file). */
async function makeLibrary(): Promise<Made> {
  const h = await createHarness({
    referencePayload: async (reference, dataDir) =>
      reference.path
        ? `data:${reference.mime};base64,${(await fs.promises.readFile(path.join(dataDir, reference.path))).toString('base64')}`
        : (reference.url ?? ''),
  })
  try {
    const plain = [...h.create(2, 'a red fox in snow'), ...h.create(1, 'harbour at night')]
    const failed = h.create(1, 'something forbidden')
    const settled = await h.settle([...plain, ...failed].map((g) => g.id))
    const parent = settled[0]!
    // The prepared reference, as references/ stores it: refs/<sha256>.png.
    const prepared = await sharp(path.join(h.dataDir, parent.image!.path)).resize(64, 64).png().toBuffer()
    const hash = createHash('sha256').update(prepared).digest('hex')
    await fs.promises.writeFile(path.join(h.dataDir, `refs/${hash}.png`), prepared)
    const fileReference: ReferenceInfo = {
      id: hash,
      kind: 'file',
      path: `refs/${hash}.png`,
      url: null,
      mime: 'image/png',
      width: 64,
      height: 64,
      originalBytes: prepared.byteLength,
      preparedBytes: prepared.byteLength,
      sourceGenerationId: parent.id,
      name: null,
    }
    const linkReference: ReferenceInfo = {
      ...fileReference,
      id: createHash('sha256').update('https://example.com/cat.png').digest('hex'),
      kind: 'url',
      path: null,
      url: 'https://example.com/cat.png',
      sourceGenerationId: settled[1]!.id,
    }
    const [childOfFile] = h.engine.create({
      prompt: 'the fox, but in spring',
      aspectRatio: '4:3',
      references: [fileReference],
      variations: 1,
      callbackUrl: null,
    })
    const [childOfLink] = h.engine.create({
      prompt: 'with a cat',
      aspectRatio: '3:4',
      references: [linkReference],
      variations: 1,
      callbackUrl: null,
    })
    await h.settle([childOfFile!.id, childOfLink!.id])
    const rows = h.library.listGenerations({ limit: 100 }).items
    return {
      dataDir: h.dataDir,
      rows,
      withFile: rows.filter((r) => r.image !== null),
      childOfFile: childOfFile!.id,
      childOfLink: childOfLink!.id,
      parent: parent.id,
    }
  } finally {
    await h.close()
  }
}

/** Every file under the folder with its content hash (the database files included). */
function listing(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(child)
      else
        files.set(
          child,
          createHash('sha256')
            .update(fs.readFileSync(path.join(dir, child)))
            .digest('hex'),
        )
    }
  }
  walk('')
  return files
}

/** Nothing was deleted: every file (by content) is still there; the database files may only have been renamed. */
function expectNothingDeleted(before: Map<string, string>, after: Map<string, string>, databaseInUse = false): void {
  const contents = new Set(after.values())
  for (const [file, hash] of before) {
    // A sound database stays in use: it is written to, so only its presence is checked.
    if (databaseInUse && /^library\.db/.test(file)) expect(after.has('library.db'), file).toBe(true)
    else if (/^library\.db/.test(file))
      expect(contents.has(hash), `${file} kept (perhaps under another name)`).toBe(true)
    else expect(after.get(file), file).toBe(hash)
  }
}

function expectRecovered(library: SqliteLibraryApi, made: Made): void {
  for (const original of made.withFile) {
    const back = library.getGeneration(original.id)
    expect(back, original.id).not.toBeNull()
    expect(back!.prompt).toBe(original.prompt)
    expect(back!.price).toBe(original.price)
    expect(back!.taskUuid).toBe(original.taskUuid)
    expect(back!.aspectRatio).toBe(original.aspectRatio)
    expect(back!.createdAt).toBe(original.createdAt)
    expect(back!.finishedAt).toBe(original.finishedAt)
    expect(back!.status).toBe('completed')
    expect(back!.image).toEqual(original.image)
  }
  // Lineage: both remixes point at their parents again.
  expect(library.lineage(made.childOfFile).parents.map((g) => g.id)).toEqual([made.parent])
  expect(library.lineage(made.parent).children.map((g) => g.id)).toContain(made.childOfFile)
  expect(library.lineage(made.childOfLink).parents).toHaveLength(1)
  // The prepared file is in refs/, so that reference is whole; the link's URL is never in a recipe.
  expect(library.getGeneration(made.childOfFile)!.references[0]!.path).toMatch(/^refs\/[0-9a-f]{64}\.png$/)
  expect(library.getGeneration(made.childOfFile)!.recoveredLacking).toBeUndefined()
  expect(library.getGeneration(made.childOfLink)!.recoveredLacking).toEqual([
    { field: 'referenceUrl', hash: expect.any(String) },
  ])
  // The failure had no file: nothing to rebuild it from.
  const failed = made.rows.find((r) => r.status === 'failed')!
  expect(library.getGeneration(failed.id)).toBeNull()
}

const PAGE = 4096

/** The damage, and whether the open must see it (a deleted file is just a new, empty library). */
const damages: Array<[string, (database: string) => void, boolean]> = [
  ['deleted', (database) => fs.rmSync(database), false],
  ['truncated', (database) => fs.truncateSync(database, Math.floor(fs.statSync(database).size / 2)), true],
  [
    'random bytes over some pages',
    (database) => {
      const fd = fs.openSync(database, 'r+')
      const pages = Math.floor(fs.statSync(database).size / PAGE)
      for (let page = 1; page < pages; page += 2) fs.writeSync(fd, randomBytes(PAGE), 0, PAGE, page * PAGE)
      fs.closeSync(fd)
    },
    true,
  ],
]

describe('the library rebuilds itself from its files', () => {
  it.each(damages)('library.db %s: every generation with a file is back', async (_name, damage, detected) => {
    const made = await makeLibrary()
    expect(made.withFile).toHaveLength(5)
    const database = path.join(made.dataDir, 'library.db')
    damage(database)
    const before = listing(made.dataDir)

    const logger = recordingLogger()
    const opened = await openLibraryOrRebuild({ dataDir: made.dataDir, logger })
    try {
      expect(opened.rebuilt !== null).toBe(detected)
      const report = opened.rebuilt ?? opened.restored
      expect(report?.recovered).toBe(5)
      expect(report?.withoutRecipe).toEqual([])
      expect(report?.skipped).toEqual([])
      expect(report?.lacking.map((l) => l.id)).toEqual([made.childOfLink])
      expectRecovered(opened.library, made)
      if (opened.rebuilt) {
        // The damaged database was set aside under a new name, not deleted.
        expect(opened.rebuilt.setAside.length).toBeGreaterThan(0)
        for (const file of opened.rebuilt.setAside)
          expect(path.basename(file)).toMatch(/^library\.damaged-.+\.db(-wal|-shm)?$/)
      }
      expect(opened.library.checkIntegrity()).toEqual({ ok: true, problems: [] })
    } finally {
      opened.library.close()
    }
    expectNothingDeleted(before, listing(made.dataDir))
    console.log(
      `rebuild (${_name}): recovered ${made.withFile.length} of ${made.rows.length} rows (1 failed without a file)`,
    )
  })

  it('a WAL removed before its checkpoint: the rows it held come back from the files', async () => {
    const made = await makeLibrary()
    const database = path.join(made.dataDir, 'library.db')
    // A copy of the database file taken while the rows were still only in the WAL (as a crash that
    // lost the -wal file would leave it): the schema is there, the rows are not.
    const emptyCopy = path.join(made.dataDir, 'snapshot.db')
    const first = openLibrary({
      dataDir: await fs.promises.mkdtemp(path.join(made.dataDir, 'x-')),
      logger: recordingLogger(),
    })
    first.close()
    fs.copyFileSync(path.join(first.dataDir, 'library.db'), emptyCopy)
    fs.rmSync(first.dataDir, { recursive: true })
    fs.renameSync(emptyCopy, database)
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${database}${suffix}`, { force: true })
    const before = listing(made.dataDir)

    const opened = await openLibraryOrRebuild({ dataDir: made.dataDir, logger: recordingLogger() })
    try {
      expect(opened.rebuilt).toBeNull()
      expect(opened.restored?.recovered).toBe(5)
      expectRecovered(opened.library, made)
    } finally {
      opened.library.close()
    }
    expectNothingDeleted(before, listing(made.dataDir), true)
  })

  it('a sound library opens as it was: nothing added, nothing rebuilt', async () => {
    const made = await makeLibrary()
    const opened = await openLibraryOrRebuild({ dataDir: made.dataDir, logger: recordingLogger() })
    try {
      expect(opened.rebuilt).toBeNull()
      expect(opened.restored).toBeNull()
      expect(opened.library.listGenerations({ limit: 100 }).items).toEqual(made.rows)
    } finally {
      opened.library.close()
    }
  })

  it('on request: sets the database aside and rebuilds, reporting what was recovered', async () => {
    const made = await makeLibrary()
    const database = path.join(made.dataDir, 'library.db')
    const original = createHash('sha256').update(fs.readFileSync(database)).digest('hex')
    // An image made before recipes: kept, reported as without a recipe.
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#abc' } })
      .png()
      .toFile(path.join(made.dataDir, 'images/old-one.png'))
    const { library, report } = await rebuildFromFiles({ dataDir: made.dataDir, logger: recordingLogger() }, new Date())
    try {
      expect(report.recovered).toBe(5)
      expect(report.withoutRecipe).toEqual(['images/old-one.png'])
      expect(report.setAside).toHaveLength(1)
      expect(createHash('sha256').update(fs.readFileSync(report.setAside[0]!)).digest('hex')).toBe(original)
      expectRecovered(library, made)
    } finally {
      library.close()
    }
  })
})
