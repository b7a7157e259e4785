import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { Generation, type ReferenceInfo } from '../../../shared/domain'
import { embedRecipe, readRecipe } from './index'
import { generationFromRecipe, recipeOfGeneration } from './recipeOfGeneration'
import type { RecipeReference } from './schema'

const APP = { name: 'Atelier', version: '0.1.0' }

function reference(overrides: Partial<ReferenceInfo>): ReferenceInfo {
  return {
    id: 'c'.repeat(64),
    kind: 'file',
    path: `refs/${'c'.repeat(64)}.jpg`,
    url: null,
    mime: 'image/jpeg',
    width: 640,
    height: 480,
    originalBytes: 123_456,
    preparedBytes: 54_321,
    sourceGenerationId: null,
    name: 'photo.jpg',
    ...overrides,
  }
}

const image = {
  path: 'images/gen-2.png',
  thumbPath: 'thumbs/gen-2.webp',
  width: 1024,
  height: 768,
  bytes: 2048,
  sha256: 'd'.repeat(64),
  mime: 'image/png',
}

const generation: Generation = Generation.parse({
  id: 'gen-2',
  taskUuid: '0b7c9f7e-2a59-4d1c-9a71-3e7c1d9b2f10',
  status: 'completed',
  prompt: 'the same fox, in winter',
  aspectRatio: '4:3',
  references: [
    reference({
      id: 'a'.repeat(64),
      path: `refs/${'a'.repeat(64)}.png`,
      mime: 'image/png',
      sourceGenerationId: 'gen-1',
    }),
    reference({ id: 'b'.repeat(64), path: `refs/${'b'.repeat(64)}.jpg`, sourceGenerationId: 'gen-1' }),
    reference({
      id: 'e'.repeat(64),
      kind: 'url',
      path: null,
      url: 'https://example.com/fox.jpg?token=secret',
      mime: null,
      width: null,
      height: null,
    }),
  ],
  callbackUrl: 'https://hooks.example.com/atelier?key=private',
  price: '0.0400',
  createdAt: '2026-11-30T10:00:00.000Z',
  submittedAt: '2026-11-30T10:00:01.500Z',
  finishedAt: '2026-11-30T10:02:00.000Z',
  updatedAt: '2026-11-30T10:02:01.000Z',
  error: null,
  image,
  remoteUrl: 'https://cdn.example.com/result.png?sig=abc',
  stalled: false,
  retry: null,
  favorite: true,
  deletedAt: null,
  version: 7,
})

const inRefs = (known: Set<string>) => (r: RecipeReference) =>
  known.has(r.hash) ? `refs/${r.hash}.${r.mime === 'image/png' ? 'png' : 'jpg'}` : null

describe('recipeOfGeneration', () => {
  it('keeps what restores and accounts for the image, lineage from the references', () => {
    const recipe = recipeOfGeneration(generation, APP)
    expect(recipe).toMatchObject({
      format: 'atelier.recipe',
      version: 1,
      generationId: 'gen-2',
      prompt: 'the same fox, in winter',
      aspectRatio: '4:3',
      price: '0.0400',
      taskUuid: generation.taskUuid,
      createdAt: generation.createdAt,
      submittedAt: generation.submittedAt,
      finishedAt: generation.finishedAt,
      parents: ['gen-1'],
      app: APP,
    })
    expect(recipe.references.map((r) => [r.hash[0], r.kind, r.sourceGenerationId])).toEqual([
      ['a', 'file', 'gen-1'],
      ['b', 'file', 'gen-1'],
      ['e', 'url', null],
    ])
  })

  it('never carries the webhook, the result URL, link URLs or local paths', () => {
    const text = JSON.stringify(recipeOfGeneration(generation, APP))
    for (const secret of ['hooks.example.com', 'cdn.example.com', 'token=secret', 'refs/', 'photo.jpg'])
      expect(text).not.toContain(secret)
  })
})

describe('generationFromRecipe', () => {
  it('gives back the generation, listing only what the recipe could not carry', () => {
    const rebuilt = generationFromRecipe(recipeOfGeneration(generation, APP), {
      image,
      now: '2026-12-01T00:00:00.000Z',
      referencePath: inRefs(new Set(['a'.repeat(64)])),
    })
    expect(Generation.parse(rebuilt.generation)).toEqual(rebuilt.generation)
    const { generation: g } = rebuilt
    expect(g).toMatchObject({
      id: 'gen-2',
      status: 'completed',
      taskUuid: generation.taskUuid,
      prompt: generation.prompt,
      aspectRatio: '4:3',
      price: '0.0400',
      createdAt: generation.createdAt,
      submittedAt: generation.submittedAt,
      finishedAt: generation.finishedAt,
      updatedAt: '2026-12-01T00:00:00.000Z',
      image,
      // Never in a recipe: back to defaults.
      callbackUrl: null,
      remoteUrl: null,
      favorite: false,
    })
    expect(g.references.map((r) => [r.id[0], r.path, r.sourceGenerationId])).toEqual([
      ['a', `refs/${'a'.repeat(64)}.png`, 'gen-1'],
      ['b', null, 'gen-1'],
      ['e', null, null],
    ])
    expect(rebuilt.lacking).toEqual([
      { field: 'referenceFile', hash: 'b'.repeat(64) },
      { field: 'referenceUrl', hash: 'e'.repeat(64) },
    ])
  })

  it('marks a missing uuid, price and times', () => {
    const unpaid = { ...generation, taskUuid: null, price: null, submittedAt: null, finishedAt: null, references: [] }
    const rebuilt = generationFromRecipe(recipeOfGeneration(unpaid, APP), {
      image,
      now: generation.updatedAt,
      referencePath: () => null,
    })
    expect(rebuilt.lacking).toEqual([
      { field: 'taskUuid' },
      { field: 'price' },
      { field: 'submittedAt' },
      { field: 'finishedAt' },
    ])
    expect(rebuilt.generation.taskUuid).toBeNull()
  })

  it('rebuilds from the file alone: embedded, read back, rebuilt', async () => {
    const png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#c84' } })
      .png()
      .toBuffer()
    const recipe = readRecipe(embedRecipe(png, recipeOfGeneration(generation, APP)))
    expect(recipe).not.toBeNull()
    const rebuilt = generationFromRecipe(recipe!, {
      image,
      now: generation.updatedAt,
      referencePath: inRefs(new Set(['a'.repeat(64), 'b'.repeat(64)])),
    })
    expect(rebuilt.generation).toEqual({
      ...generation,
      references: generation.references.map((r) => ({
        ...r,
        url: null,
        originalBytes: null,
        preparedBytes: null,
        name: null,
      })),
      callbackUrl: null,
      remoteUrl: null,
      favorite: false,
      version: 1,
    })
  })
})
