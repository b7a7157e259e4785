/**
 * recipe.read and library.importFiles through the real core's router: real
 * SQLite, real sharp, files made with the recipe module's own embed (PNG, JPEG,
 * WebP), one without a recipe and hostile ones.
 */
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import type { FileImportOutcome, RecipeReading } from '../../../shared/contract'
import type { Generation, ReferenceInfo } from '../../../shared/domain'
import type { Result } from '../../../shared/result'
import { makeTempDir, manualClock, recordingLogger, removeTempDirs } from '../../../tests/integration/library-fixtures'
import { memoryStore } from '../../../tests/support/coreFixtures'
import { crc32 } from 'node:zlib'
import { photoLike } from '../../../tests/support/testImages'
import { createCore, type Core } from '../createCore'
import { embedRecipe, type Recipe } from './index'
import { NO_RECIPE_MESSAGE } from './importFiles'
import { sampleRecipe } from './testRecipe'

let core: Core | null = null
afterEach(async () => {
  await core?.stop()
  core = null
  await removeTempDirs()
})

async function startCore() {
  const dataDir = await makeTempDir()
  const events: string[] = []
  core = await createCore({
    dataDir,
    logger: recordingLogger(),
    cipher: { isAvailable: async () => false, encrypt: async () => new Uint8Array(), decrypt: async () => '' },
    events: { emit: (event) => void events.push(event) },
    notifier: { notify: () => {} },
    clock: manualClock(Date.UTC(2026, 11, 1, 12)),
    store: memoryStore(),
    appVersion: '0.0.0-test',
    platform: 'linux',
    transport: 'browser',
  })
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = (await core!.router.dispatch(name, input)) as Result<T>
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code })
    return result.data
  }
  const refusal = async (name: string, input: unknown) => {
    const result = (await core!.router.dispatch(name, input)) as Result<unknown>
    expect(result.ok).toBe(false)
    return (result as { ok: false; error: { code: string; message: string } }).error
  }
  return { dataDir, events, call, refusal }
}

const photo = async (seed: number) =>
  sharp(await photoLike(300, 200, seed), { raw: { width: 300, height: 200, channels: 3 } })
    .png()
    .toBuffer()

const image = (format: 'png' | 'jpeg' | 'webp', seed: number) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: seed * 40, g: 120, b: 200 - seed * 30 } } })
    .toFormat(format)
    .toBuffer()

const importFiles = (
  call: Awaited<ReturnType<typeof startCore>>['call'],
  files: Array<{ name: string; bytes: Buffer }>,
) => call<{ files: FileImportOutcome[] }>('library.importFiles', { files }).then((r) => r.files)

/** A PNG with a recipe whose JSON was changed after writing: its chunk's CRC no longer matches. */
async function tamperedPng(): Promise<Buffer> {
  const file = embedRecipe(await image('png', 1), sampleRecipe({ references: [], parents: [] }))
  const at = file.indexOf('"prompt"')
  file[at + 2] = 'q'.charCodeAt(0)
  return file
}

describe('recipe.read', () => {
  it('restores what a file says and finds its references in the library by content hash', async () => {
    const { call } = await startCore()
    const prepared = await call<ReferenceInfo>('reference.prepare', {
      source: { kind: 'bytes', name: 'cat.png', bytes: await photo(7) },
    })
    const elsewhere = 'c'.repeat(64)
    const recipe: Recipe = sampleRecipe({
      generationId: 'gen-from-another-library',
      prompt: 'a lighthouse in fog',
      aspectRatio: '3:4',
      references: [
        {
          hash: prepared.id,
          kind: 'file',
          mime: prepared.mime,
          width: prepared.width,
          height: prepared.height,
          sourceGenerationId: null,
        },
        { hash: elsewhere, kind: 'file', mime: 'image/jpeg', width: 10, height: 10, sourceGenerationId: null },
      ],
      parents: [],
    })
    const reading = await call<RecipeReading>('recipe.read', { bytes: embedRecipe(await image('png', 2), recipe) })
    expect(reading.recipe).toMatchObject({
      generationId: 'gen-from-another-library',
      prompt: 'a lighthouse in fog',
      aspectRatio: '3:4',
    })
    expect(reading.inLibrary).toBeNull()
    expect(reading.references).toEqual([
      {
        hash: prepared.id,
        referenceId: prepared.id,
        reference: expect.objectContaining({ id: prepared.id, path: prepared.path }),
      },
      { hash: elsewhere, referenceId: null, reference: null },
    ])

    // A prepared copy gone from refs/ is not offered.
    fs.rmSync(path.join(core!.resolveMediaPath(prepared.path!)))
    const again = await call<RecipeReading>('recipe.read', { bytes: embedRecipe(await image('png', 2), recipe) })
    expect(again.references.map((r) => r.referenceId)).toEqual([null, null])
  })

  it('says "no recipe" for a plain image or a format that cannot carry one, and refuses hostile files with a sentence', async () => {
    const { call, refusal } = await startCore()
    expect(await call<RecipeReading>('recipe.read', { bytes: await image('png', 3) })).toEqual({
      recipe: null,
      inLibrary: null,
      references: [],
    })
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer()
    expect((await call<RecipeReading>('recipe.read', { bytes: gif })).recipe).toBeNull()
    expect((await call<RecipeReading>('recipe.read', { bytes: Buffer.from('not an image at all') })).recipe).toBeNull()

    const tampered = await refusal('recipe.read', { bytes: await tamperedPng() })
    expect(tampered.code).toBe('RECIPE_MALFORMED_FILE')
    expect(tampered.message).toMatch(/\w+ \w+/)
    const cut = embedRecipe(await image('png', 1), sampleRecipe())
    expect((await refusal('recipe.read', { bytes: cut.subarray(0, 60) })).code).toMatch(/^RECIPE_/)
    expect((await refusal('recipe.read', { bytes: 'text' })).code).toBe('INVALID_INPUT')
  })
})

describe('library.importFiles', () => {
  it('imports PNG, JPEG and WebP files as they are, with thumbnails and rows from their recipes', async () => {
    const { call, dataDir } = await startCore()
    const prepared = await call<ReferenceInfo>('reference.prepare', {
      source: { kind: 'bytes', name: 'ref.png', bytes: await photo(7) },
    })
    const files = await Promise.all(
      (['png', 'jpeg', 'webp'] as const).map(async (format, i) => ({
        name: `result.${format}`,
        bytes: embedRecipe(
          await image(format, i),
          sampleRecipe({
            generationId: `gen-${format}`,
            taskUuid: `task-${format}`,
            prompt: `a ${format} fox`,
            references: [
              {
                hash: prepared.id,
                kind: 'file',
                mime: prepared.mime,
                width: prepared.width,
                height: prepared.height,
                sourceGenerationId: null,
              },
            ],
            parents: [],
          }),
        ),
      })),
    )
    const outcomes = await importFiles(call, files)
    expect(outcomes).toEqual(
      ['png', 'jpeg', 'webp'].map((format) => ({
        name: `result.${format}`,
        status: 'imported',
        generationId: `gen-${format}`,
        message: null,
      })),
    )
    const extension = { png: 'png', jpeg: 'jpg', webp: 'webp' } as const
    for (const [i, format] of (['png', 'jpeg', 'webp'] as const).entries()) {
      const generation = await call<Generation>('generation.get', { id: `gen-${format}` })
      expect(generation).toMatchObject({
        status: 'completed',
        prompt: `a ${format} fox`,
        aspectRatio: '4:3',
        price: '0.0400',
        taskUuid: `task-${format}`,
        createdAt: '2026-11-30T10:00:00.000Z',
        finishedAt: '2026-11-30T10:02:03.000Z',
        image: { path: `images/gen-${format}.${extension[format]}`, width: 64, height: 48, mime: `image/${format}` },
        references: [expect.objectContaining({ id: prepared.id, path: prepared.path })],
      })
      // Stored byte for byte: the recipe stays in the file.
      expect(fs.readFileSync(path.join(dataDir, generation.image!.path)).equals(files[i]!.bytes)).toBe(true)
      expect((await sharp(path.join(dataDir, generation.image!.thumbPath)).metadata()).format).toBe('webp')
    }
    const page = await call<{ items: Generation[] }>('generation.list', { search: 'webp fox' })
    expect(page.items.map((g) => g.id)).toEqual(['gen-webp'])
  })

  it('reports a generation, task or image already in the library instead of adding it twice', async () => {
    const { call, dataDir } = await startCore()
    const file = embedRecipe(
      await image('png', 4),
      sampleRecipe({ generationId: 'gen-a', taskUuid: 'task-a', references: [], parents: [] }),
    )
    const sameTask = embedRecipe(
      await image('png', 5),
      sampleRecipe({ generationId: 'gen-b', taskUuid: 'task-a', references: [], parents: [] }),
    )
    const outcomes = await importFiles(call, [
      { name: 'a.png', bytes: file },
      { name: 'a copy.png', bytes: file },
      { name: 'same task.png', bytes: sameTask },
    ])
    expect(outcomes.map((o) => [o.status, o.generationId])).toEqual([
      ['imported', 'gen-a'],
      ['existing', 'gen-a'],
      ['existing', null],
    ])
    expect(outcomes[1]!.message).toBe('“a copy.png” is already in the library.')
    expect((await importFiles(call, [{ name: 'a.png', bytes: file }]))[0]).toMatchObject({
      status: 'existing',
      generationId: 'gen-a',
    })
    expect(fs.readdirSync(path.join(dataDir, 'images'))).toEqual(['gen-a.png'])
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([])
    // recipe.read now knows the file's generation.
    expect((await call<RecipeReading>('recipe.read', { bytes: file })).inLibrary).toBe('gen-a')
  })

  it('keeps two drops of one image at once to one row and one file, and never overwrites a file it did not write', async () => {
    const { call, dataDir } = await startCore()
    const file = embedRecipe(
      await image('png', 8),
      sampleRecipe({ generationId: 'gen-c', references: [], parents: [] }),
    )
    const [first, second] = await Promise.all([
      importFiles(call, [{ name: 'c.png', bytes: file }]),
      importFiles(call, [{ name: 'c.png', bytes: file }]),
    ])
    expect([first![0]!.status, second![0]!.status].sort()).toEqual(['existing', 'imported'])
    expect(fs.readFileSync(path.join(dataDir, 'images/gen-c.png')).equals(file)).toBe(true)

    // A file left under the name a recipe wants (its row lost): another image is refused, the file kept.
    const other = embedRecipe(
      await image('png', 9),
      sampleRecipe({ generationId: 'gen-d', taskUuid: 'task-d', references: [], parents: [] }),
    )
    fs.writeFileSync(path.join(dataDir, 'images/gen-d.png'), 'an older file')
    const [refused] = await importFiles(call, [{ name: 'd.png', bytes: other }])
    expect(refused).toMatchObject({ status: 'refused', message: expect.stringContaining('images/gen-d.png') })
    expect(fs.readFileSync(path.join(dataDir, 'images/gen-d.png'), 'utf8')).toBe('an older file')
    // The same image under that name is used as it is.
    fs.writeFileSync(path.join(dataDir, 'images/gen-d.png'), other)
    expect((await importFiles(call, [{ name: 'd.png', bytes: other }]))[0]).toMatchObject({ status: 'imported' })
  })

  it('refuses a file without a recipe, a hostile one and one that is not an image, each with a sentence', async () => {
    const { call, refusal, dataDir } = await startCore()
    const damagedPixels = embedRecipe(
      await image('png', 6),
      sampleRecipe({ generationId: 'gen-damaged', references: [], parents: [] }),
    )
    // Garbled compressed pixels under a correct CRC: the container reads, the image does not decode.
    const idat = damagedPixels.indexOf('IDAT')
    const length = damagedPixels.readUInt32BE(idat - 4)
    damagedPixels.fill(0x55, idat + 6, idat + 4 + length)
    damagedPixels.writeUInt32BE(crc32(damagedPixels.subarray(idat, idat + 4 + length)), idat + 4 + length)
    const outcomes = await importFiles(call, [
      { name: 'plain.png', bytes: await image('png', 7) },
      { name: 'tampered.png', bytes: await tamperedPng() },
      { name: 'notes.txt', bytes: Buffer.from('hello') },
      { name: 'broken.png', bytes: damagedPixels },
      { name: 'empty.png', bytes: Buffer.alloc(0) },
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['refused', 'refused', 'refused', 'refused', 'refused'])
    expect(outcomes[0]!.message).toBe(`“plain.png”: ${NO_RECIPE_MESSAGE}`)
    expect(outcomes[1]!.message).toMatch(/^“tampered.png”: .{10,}/)
    expect(outcomes[2]!.message).toMatch(/not a PNG, JPEG or WebP image/)
    expect(outcomes[3]!.message).toMatch(/damaged or incomplete/)
    expect(outcomes[4]!.message).toMatch(/empty/)
    expect(fs.readdirSync(path.join(dataDir, 'images'))).toEqual([])
    expect(fs.readdirSync(path.join(dataDir, 'thumbs'))).toEqual([])
    expect((await call<{ items: Generation[] }>('generation.list', {})).items).toEqual([])
    const half = Buffer.alloc(60 * 1024 * 1024)
    expect(
      (
        await refusal('library.importFiles', {
          files: [
            { name: 'a', bytes: half },
            { name: 'b', bytes: half },
          ],
        })
      ).code,
    ).toBe('IMPORT_TOO_LARGE')
  })
})
