/**
 * Export → import: a library written out as a folder of images with JSON
 * sidecars comes back into an empty library with every row and every file as
 * it was (prompt, ratio, price, times, status, favourite, references, lineage),
 * and importing again adds nothing. Real SQLite, real files, real sharp.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import type { ReferenceInfo } from '../../../shared/domain'
import {
  makeTempDir,
  newGeneration,
  recordingLogger,
  removeTempDirs,
  tempLibrary,
} from '../../../tests/integration/library-fixtures'
import type { SqliteLibraryApi } from '../db'
import { embedRecipe, readRecipe, recipeOfGeneration } from '../recipe'
import { exportGenerations } from './exportFolder'
import { importGenerations } from './importFolder'
import { resolveFolderChoice } from './folders'
import { createFolderGrants } from '../security/folderGrants'

afterEach(removeTempDirs)

const logger = recordingLogger()
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

async function png(seed: number): Promise<Buffer> {
  return sharp({
    create: { width: 16, height: 12, channels: 3, background: { r: seed * 40, g: 255 - seed * 30, b: seed * 7 } },
  })
    .png()
    .toBuffer()
}

const APP = { name: 'Atelier', version: '0.0.0-test' }

/** Exports `ids` of `library` into a fresh folder `out`, now; returns the folder and what the export said. */
async function exportToFolder(library: SqliteLibraryApi, ids: string[]) {
  const folder = path.join(await makeTempDir(), 'out')
  const exported = await exportGenerations({
    library,
    ids,
    destination: folder,
    logger,
    now: () => new Date(),
    app: APP,
  })
  return { folder, exported }
}

/**
 * A finished generation with a real image (and thumbnail) in the library; the file carries
 * its recipe as the engine writes it, unless `withRecipe` is false (an image from before recipes).
 */
async function complete(
  library: SqliteLibraryApi,
  id: string,
  seed: number,
  extra: Record<string, unknown> = {},
  withRecipe = true,
): Promise<void> {
  const bytes = await png(seed)
  fs.writeFileSync(path.join(library.dataDir, `images/${id}.png`), bytes)
  fs.writeFileSync(path.join(library.dataDir, `thumbs/${id}.webp`), await sharp(bytes).webp().toBuffer())
  library.updateGeneration(id, {
    status: 'completed',
    taskUuid: `task-${id}`,
    price: '0.0400',
    submittedAt: '2025-03-01T10:00:01.000Z',
    finishedAt: '2025-03-01T10:01:31.250Z',
    image: {
      path: `images/${id}.png`,
      thumbPath: `thumbs/${id}.webp`,
      width: 16,
      height: 12,
      bytes: bytes.byteLength,
      sha256: sha(bytes),
      mime: 'image/png',
    },
    ...extra,
  })
  if (!withRecipe) return
  const generation = library.getGeneration(id)!
  const carrying = embedRecipe(bytes, recipeOfGeneration(generation, APP))
  fs.writeFileSync(path.join(library.dataDir, `images/${id}.png`), carrying)
  library.updateGeneration(id, { image: { ...generation.image!, bytes: carrying.byteLength, sha256: sha(carrying) } })
}

async function referenceFrom(library: SqliteLibraryApi, parentId: string | null, seed: number): Promise<ReferenceInfo> {
  const bytes = await sharp(await png(seed))
    .jpeg()
    .toBuffer()
  const id = sha(bytes)
  fs.writeFileSync(path.join(library.dataDir, `refs/${id}.jpg`), bytes)
  const reference: ReferenceInfo = {
    id,
    kind: 'file',
    path: `refs/${id}.jpg`,
    url: null,
    mime: 'image/jpeg',
    width: 16,
    height: 12,
    originalBytes: 900,
    preparedBytes: bytes.byteLength,
    sourceGenerationId: parentId,
    name: 'photo.jpg',
  }
  library.saveReference(reference)
  return reference
}

/** Everything a row says, minus what a new library assigns itself (seq, update time, version, import time). */
function rows(library: SqliteLibraryApi) {
  return library
    .listGenerations({ sort: 'oldest', limit: 500 })
    .items.map(({ updatedAt: _u, version: _v, ...rest }) => rest)
}

function files(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const folder of ['images', 'refs']) {
    for (const name of fs.readdirSync(path.join(dataDir, folder)))
      out[`${folder}/${name}`] = sha(fs.readFileSync(path.join(dataDir, folder, name)))
  }
  return out
}

describe('export and import', () => {
  it('round-trips a library into an empty one, with lineage, and never twice', async () => {
    const source = await tempLibrary({ logger })
    const photo = await referenceFrom(source, null, 1)
    source.insertGenerations([
      newGeneration({
        id: 'parent',
        prompt: 'a red fox',
        aspectRatio: '4:3',
        references: [photo],
        createdAt: '2025-03-01T10:00:00.000Z',
      }),
      newGeneration({ id: 'failed', prompt: 'a banned owl', createdAt: '2025-03-01T11:00:00.000Z' }),
      newGeneration({ id: 'trashed', prompt: 'not exported', createdAt: '2025-03-01T11:30:00.000Z' }),
      newGeneration({ id: 'running', prompt: 'still running', createdAt: '2025-03-01T11:45:00.000Z' }),
    ])
    await complete(source, 'parent', 2, { favorite: true })
    source.updateGeneration('failed', {
      status: 'failed',
      taskUuid: 'task-failed',
      price: '0.04',
      submittedAt: '2025-03-01T11:00:01.000Z',
      error: { code: 'MODERATION_FAILED', message: 'Refused.', detail: 'MODERATION_FAILED' },
    })
    await complete(source, 'trashed', 3)
    source.softDelete(['trashed'])
    source.updateGeneration('running', { status: 'processing' })
    const fromParent = await referenceFrom(source, 'parent', 4)
    source.insertGenerations([
      newGeneration({
        id: 'child',
        prompt: 'the fox again',
        aspectRatio: '3:4',
        references: [fromParent, photo],
        createdAt: '2025-03-02T09:00:00.000Z',
      }),
    ])
    await complete(source, 'child', 5)
    const foxes = source.createCollection({ id: 'board-foxes', name: 'Foxes' })
    source.addToCollection(foxes.id, ['parent', 'child', 'trashed'])
    source.createCollection({ id: 'board-empty', name: 'Empty for now' })

    const folder = path.join(await makeTempDir(), 'export')
    const exported = await exportGenerations({
      library: source,
      ids: null,
      destination: folder,
      logger,
      now: () => new Date('2025-04-01T00:00:00Z'),
      app: APP,
    })
    expect(exported).toMatchObject({ generations: 3, images: 2, references: 2, collections: 2 })
    // The trashed member was not exported, so the board does not name it.
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'collections.json'), 'utf8'))).toEqual({
      format: 'atelier.collections',
      version: 1,
      collections: [
        { name: 'Empty for now', createdAt: expect.any(String), generationIds: [] },
        { name: 'Foxes', createdAt: expect.any(String), generationIds: ['child', 'parent'].sort() },
      ],
    })
    const sidecar = JSON.parse(fs.readFileSync(path.join(folder, 'child.json'), 'utf8'))
    expect(sidecar).toMatchObject({
      format: 'atelier.generation',
      generation: {
        prompt: 'the fox again',
        aspectRatio: '3:4',
        price: '0.0400',
        createdAt: '2025-03-02T09:00:00.000Z',
        durationMs: 90_250,
      },
      lineage: { parents: ['parent'], children: [] },
    })
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'parent.json'), 'utf8')).lineage).toEqual({
      parents: [],
      children: ['child'],
    })

    const target = await tempLibrary({ logger })
    const imported = await importGenerations({ library: target, source: folder, logger })
    expect(imported).toEqual({
      imported: 3,
      existing: 0,
      duplicates: 0,
      invalid: 0,
      problems: [],
      collectionsCreated: 2,
      collectionItemsAdded: 2,
    })
    expect(target.listCollections().map(({ name, count }) => ({ name, count }))).toEqual([
      { name: 'Empty for now', count: 0 },
      { name: 'Foxes', count: 2 },
    ])
    const importedFoxes = target.listCollections().find((c) => c.name === 'Foxes')!
    expect(target.listGenerations({ collectionId: importedFoxes.id }).items.map((g) => g.id)).toEqual([
      'child',
      'parent',
    ])
    source.restore(['trashed'])
    source.softDelete(['trashed'])
    expect(rows(target)).toEqual(rows(source).filter((g) => g.id !== 'running'))
    const sourceFiles = files(source.dataDir)
    delete sourceFiles['images/trashed.png']
    expect(files(target.dataDir)).toEqual(sourceFiles)
    expect(fs.existsSync(path.join(target.dataDir, 'thumbs/child.webp'))).toBe(true)
    expect(target.lineage('parent').children.map((g) => g.id)).toEqual(['child'])
    // The trashed row (charged too) stayed behind: the rest of the money came along exactly.
    expect(target.spendSummary(new Date('2025-03-15T00:00:00Z'))).toMatchObject({
      total: '0.12',
      chargedButFailed: '0.04',
    })
    expect(target.checkIntegrity().ok).toBe(true)

    // Again: nothing new. Into a library that has the same image under another id: a duplicate.
    expect(await importGenerations({ library: target, source: folder, logger })).toMatchObject({
      imported: 0,
      existing: 3,
      collectionsCreated: 0,
      collectionItemsAdded: 0,
    })
    const other = await tempLibrary({ logger })
    other.insertGenerations([newGeneration({ id: 'same-picture' })])
    fs.copyFileSync(path.join(source.dataDir, 'images/parent.png'), path.join(other.dataDir, 'images/same.png'))
    other.updateGeneration('same-picture', {
      status: 'completed',
      image: { ...source.getGeneration('parent')!.image!, path: 'images/same.png', thumbPath: 'thumbs/same.webp' },
    })
    expect(await importGenerations({ library: other, source: folder, logger })).toMatchObject({
      imported: 2,
      duplicates: 1,
    })
    for (const library of [source, target, other]) library.close()
  })

  it('merges collections by name into a library that has some, and says when the file is damaged', async () => {
    const source = await tempLibrary({ logger })
    source.insertGenerations([
      newGeneration({ id: 'one' }),
      newGeneration({ id: 'two' }),
      newGeneration({ id: 'three' }),
    ])
    for (const [index, id] of ['one', 'two', 'three'].entries()) await complete(source, id, index + 1)
    source.addToCollection(source.createCollection({ id: 'b1', name: 'Birds' }).id, ['one', 'two'])
    source.addToCollection(source.createCollection({ id: 'b2', name: 'Night' }).id, ['three'])
    source.createCollection({ id: 'b3', name: 'Not in this selection' })
    const { folder, exported } = await exportToFolder(source, ['one', 'two', 'three'])
    // A selection leaves out the boards none of its images are in.
    expect(exported.collections).toBe(2)

    const target = await tempLibrary({ logger })
    target.insertGenerations([newGeneration({ id: 'mine' })])
    target.addToCollection(target.createCollection({ id: 'mine-birds', name: 'BIRDS' }).id, ['mine'])
    const result = await importGenerations({ library: target, source: folder, logger })
    expect(result).toMatchObject({ imported: 3, collectionsCreated: 1, collectionItemsAdded: 3, invalid: 0 })
    expect(target.listCollections().map(({ id, name, count }) => ({ id, name, count }))).toEqual([
      { id: 'mine-birds', name: 'BIRDS', count: 3 },
      { id: expect.any(String), name: 'Night', count: 1 },
    ])

    fs.writeFileSync(
      path.join(folder, 'collections.json'),
      '{"format":"atelier.collections","version":1,"collections":[{"name":""}]}',
    )
    const fresh = await tempLibrary({ logger })
    const again = await importGenerations({ library: fresh, source: folder, logger })
    expect(again).toMatchObject({ imported: 3, invalid: 1, collectionsCreated: 0 })
    expect(again.problems.join('\n')).toMatch(/collections\.json: collections\.0\.name/)
    for (const library of [source, target, fresh]) library.close()
  })

  it('refuses what is not whole and says why', async () => {
    const source = await tempLibrary({ logger })
    source.insertGenerations([newGeneration({ id: 'one' }), newGeneration({ id: 'two' })])
    await complete(source, 'one', 1)
    await complete(source, 'two', 2)
    const { folder } = await exportToFolder(source, ['one', 'two'])
    fs.writeFileSync(path.join(folder, 'two.png'), await png(9)) // not the image its sidecar describes
    fs.writeFileSync(path.join(folder, 'broken.json'), '{"format":"atelier.generation","version":1}')
    fs.writeFileSync(path.join(folder, 'notes.json'), '{"something":"else"}')
    const target = await tempLibrary({ logger })
    const result = await importGenerations({ library: target, source: folder, logger })
    expect(result).toMatchObject({ imported: 1, invalid: 2 })
    expect(result.problems.join('\n')).toMatch(/sha256 differs/)
    expect(target.getGeneration('two')).toBeNull()
    expect(fs.existsSync(path.join(target.dataDir, 'images/two.png'))).toBe(false)
    // Folders come only from the user's choice (folders.ts): a grant for a picked folder, used once.
    const grants = createFolderGrants(() => Date.now())
    const context = { grants, libraryRoot: target.dataDir }
    await expect(resolveFolderChoice({ kind: 'grant', grant: 'made-up' }, 'import', context)).rejects.toMatchObject({
      code: 'FOLDER_NOT_CHOSEN',
    })
    const picked = grants.issue(folder, 'import')
    expect(await resolveFolderChoice({ kind: 'grant', grant: picked }, 'import', context)).toBe(folder)
    await expect(resolveFolderChoice({ kind: 'grant', grant: picked }, 'import', context)).rejects.toMatchObject({
      code: 'FOLDER_NOT_CHOSEN',
    })
    const inside = grants.issue(target.dataDir, 'import')
    await expect(resolveFolderChoice({ kind: 'grant', grant: inside }, 'import', context)).rejects.toMatchObject({
      code: 'INVALID_FOLDER',
    })
    for (const library of [source, target]) library.close()
  })

  it('gives an older image its recipe in the exported copy only, pixels untouched, and imports it back', async () => {
    const source = await tempLibrary({ logger })
    source.insertGenerations([newGeneration({ id: 'old', prompt: 'before recipes' })])
    await complete(source, 'old', 6, {}, false)
    const libraryFile = path.join(source.dataDir, 'images/old.png')
    const before = sha(fs.readFileSync(libraryFile))
    expect(readRecipe(fs.readFileSync(libraryFile))).toBeNull()

    const { folder } = await exportToFolder(source, ['old'])
    const copy = fs.readFileSync(path.join(folder, 'old.png'))
    expect(readRecipe(copy)).toMatchObject({ generationId: 'old', prompt: 'before recipes', taskUuid: 'task-old' })
    // The library's own file is not touched by an export.
    expect(sha(fs.readFileSync(libraryFile))).toBe(before)
    const raw = async (bytes: Buffer) => sharp(bytes).raw().toBuffer()
    expect((await raw(copy)).equals(await raw(fs.readFileSync(libraryFile)))).toBe(true)
    // The sidecar describes the copy beside it, so the import accepts it.
    const sidecar = JSON.parse(fs.readFileSync(path.join(folder, 'old.json'), 'utf8'))
    expect(sidecar.generation.image.sha256).toBe(sha(copy))
    const target = await tempLibrary({ logger })
    expect(await importGenerations({ library: target, source: folder, logger })).toMatchObject({
      imported: 1,
      invalid: 0,
    })
    expect(target.getGeneration('old')?.image?.sha256).toBe(sha(copy))
    for (const library of [source, target]) library.close()
  })

  it('imports an image that lost its sidecar from the recipe inside it', async () => {
    const source = await tempLibrary({ logger })
    source.insertGenerations([newGeneration({ id: 'alone', prompt: 'a lone heron', aspectRatio: '4:3' })])
    await complete(source, 'alone', 7)
    const { folder } = await exportToFolder(source, ['alone'])
    fs.rmSync(path.join(folder, 'alone.json'))
    // Not Atelier's: an image without a recipe is left alone.
    fs.writeFileSync(path.join(folder, 'holiday.png'), await png(1))

    const target = await tempLibrary({ logger })
    expect(await importGenerations({ library: target, source: folder, logger })).toEqual({
      imported: 1,
      existing: 0,
      duplicates: 0,
      invalid: 0,
      problems: [],
      collectionsCreated: 0,
      collectionItemsAdded: 0,
    })
    const original = source.getGeneration('alone')!
    expect(target.getGeneration('alone')).toMatchObject({
      prompt: 'a lone heron',
      aspectRatio: '4:3',
      price: original.price,
      taskUuid: original.taskUuid,
      finishedAt: original.finishedAt,
      status: 'completed',
      image: { sha256: original.image!.sha256, width: 16, height: 12 },
    })
    expect(await importGenerations({ library: target, source: folder, logger })).toMatchObject({
      imported: 0,
      existing: 1,
    })
    for (const library of [source, target]) library.close()
  })
})

describe('export and import: styles', () => {
  it('carries the styles in one file and merges them back by name, never twice', async () => {
    const { createTransferFeature } = await import('./handlers')
    const { recordingChanges } = await import('../../../tests/support/coreFixtures')
    const { createFolderGrants } = await import('../security/folderGrants')
    // The folders are chosen as the picker would: each command takes a one-use grant.
    const grants = createFolderGrants(() => Date.now())
    const picked = (folder: string, purpose: 'export' | 'import') => ({
      kind: 'grant' as const,
      grant: grants.issue(folder, purpose),
    })
    const feature = (library: SqliteLibraryApi, announced: string[]) =>
      createTransferFeature({
        library,
        logger,
        clock: { now: () => Date.parse('2025-04-01T00:00:00Z') },
        changes: recordingChanges(),
        grants,
        appVersion: '0.0.0-test',
        styles: library.styles,
        onStylesImported: () => announced.push('styles'),
      }).handlers

    const source = await tempLibrary({ logger })
    source.insertGenerations([newGeneration({ id: 'one', prompt: 'a fox' })])
    await complete(source, 'one', 1)
    source.styles.create({ name: 'Film', text: '35mm film, grain' })
    source.styles.create({ name: 'Poster', text: 'A poster of {prompt}' })
    const folder = path.join(await makeTempDir(), 'export')
    expect(await feature(source, [])['library.export']({ ids: null, folder: picked(folder, 'export') })).toMatchObject({
      generations: 1,
      styles: 2,
    })
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'atelier-styles.json'), 'utf8'))).toMatchObject({
      format: 'atelier.styles',
      version: 1,
      styles: [
        { name: 'Film', text: '35mm film, grain' },
        { name: 'Poster', text: 'A poster of {prompt}' },
      ],
    })

    // The target already has a "film" style of its own: it is kept, the other one comes in.
    const target = await tempLibrary({ logger })
    target.styles.create({ name: 'film', text: 'my own film look' })
    const announced: string[] = []
    expect(await feature(target, announced)['library.import']({ folder: picked(folder, 'import') })).toEqual({
      imported: 1,
      existing: 0,
      duplicates: 0,
      invalid: 0,
      problems: [],
      collectionsCreated: 0,
      collectionItemsAdded: 0,
      styles: 1,
    })
    expect(target.styles.list().map((s) => [s.name, s.text])).toEqual([
      ['film', 'my own film look'],
      ['Poster', 'A poster of {prompt}'],
    ])
    expect(announced).toEqual(['styles'])
    expect(await feature(target, announced)['library.import']({ folder: picked(folder, 'import') })).toMatchObject({
      imported: 0,
      styles: 0,
    })
    expect(target.styles.list()).toHaveLength(2)

    // A damaged styles file is named as a problem; the images still come in.
    fs.writeFileSync(path.join(folder, 'atelier-styles.json'), '{"format":"atelier.styles","version":1,"styles":"no"}')
    const third = await tempLibrary({ logger })
    const result = await feature(third, [])['library.import']({ folder: picked(folder, 'import') })
    expect(result).toMatchObject({ imported: 1, styles: 0 })
    expect(result.problems.join('\n')).toMatch(/atelier-styles\.json/)
    for (const library of [source, target, third]) library.close()
  })
})
