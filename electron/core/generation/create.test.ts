/**
 * generation.create with styles: the core composes the final prompt with
 * shared/styles.ts, refuses it over the limit in the studio's words, stores it
 * on the rows and records it in the prompt history.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { PROMPT_MAX_LENGTH } from '../../../shared/domain'
import { removeTempDirs } from '../../../tests/integration/library-fixtures'
import { generationFeature } from '../../../tests/support/coreFixtures'

afterEach(removeTempDirs)

async function setup() {
  const { library, feature, router } = await generationFeature()
  const create = (input: Record<string, unknown>) =>
    router.dispatch('generation.create', {
      aspectRatio: '4:3',
      referenceIds: [],
      variations: 2,
      callbackUrl: null,
      ...input,
    })
  return { library, feature, create }
}

describe('generation.create with styles', () => {
  it('stores and remembers the composed prompt, styles applied in the order given', async () => {
    const { library, feature, create } = await setup()
    const film = library.styles.create({ name: 'Film', text: '35mm film' })
    const poster = library.styles.create({ name: 'Poster', text: 'A poster of {prompt}' })
    const result = await create({ prompt: '  a red fox ', styleIds: [poster.id, film.id] })
    expect(result.ok).toBe(true)
    const generations = (result as { data: { generations: Array<{ prompt: string }> } }).data.generations
    expect(generations.map((g) => g.prompt)).toEqual([
      'A poster of a red fox, 35mm film',
      'A poster of a red fox, 35mm film',
    ])
    expect(library.history.list({ query: '', limit: 5, cursor: null }).items).toMatchObject([
      { prompt: 'A poster of a red fox, 35mm film', aspectRatio: '4:3', uses: 1 },
    ])
    await feature.stop()
    library.close()
  })

  it('refuses a final prompt over the limit, or a style that is gone, and writes nothing', async () => {
    const { library, feature, create } = await setup()
    const long = library.styles.create({ name: 'Long', text: 'y'.repeat(1000) })
    const over = await create({ prompt: 'x'.repeat(PROMPT_MAX_LENGTH - 500), styleIds: [long.id] })
    expect(over).toEqual({
      ok: false,
      error: {
        code: 'PROMPT_TOO_LONG',
        message: `The prompt is 502 characters over the ${PROMPT_MAX_LENGTH} limit.`,
        data: { over: 502 },
      },
    })
    expect(await create({ prompt: 'a fox', styleIds: ['gone'] })).toMatchObject({
      ok: false,
      error: { code: 'STYLE_NOT_FOUND' },
    })
    expect(library.listGenerations({}).items).toEqual([])
    expect(library.history.list({ query: '', limit: 5, cursor: null }).items).toEqual([])
    await feature.stop()
    library.close()
  })
})
