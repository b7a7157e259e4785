/** style.* through the router: the contract's validation, unique names, the cap, and one event per change. */
import { afterEach, describe, expect, it } from 'vitest'
import type { EventName } from '../../../shared/contract'
import { STYLES_MAX, STYLE_NAME_MAX_LENGTH, STYLE_TEXT_MAX_LENGTH } from '../../../shared/styles'
import { recordingLogger, removeTempDirs, tempLibrary } from '../../../tests/integration/library-fixtures'
import { createRouter, type CommandHandlers } from '../ipc/router'
import { createStylesFeature } from './handlers'

afterEach(removeTempDirs)

async function setup() {
  const library = await tempLibrary()
  const emitted: Array<{ event: EventName; count: number }> = []
  const feature = createStylesFeature({
    styles: library.styles,
    events: {
      emit: (event, payload) => emitted.push({ event, count: (payload as { styles: unknown[] }).styles.length }),
    },
  })
  const router = createRouter(feature.handlers as CommandHandlers, recordingLogger())
  return { library, emitted, call: (name: string, input: unknown) => router.dispatch(name, input) }
}

describe('styles', () => {
  it('creates, lists in creation order, updates and deletes, announcing the list each time', async () => {
    const { library, emitted, call } = await setup()
    const film = await call('style.create', { name: '  Film  ', text: ' 35mm film, grain ' })
    expect(film).toMatchObject({ ok: true, data: { name: 'Film', text: '35mm film, grain' } })
    const poster = await call('style.create', { name: 'Poster', text: 'A poster of {prompt}' })
    const ids = [film, poster].map((r) => (r as { data: { id: string } }).data.id)
    expect(await call('style.list', {})).toMatchObject({
      ok: true,
      data: { styles: [{ name: 'Film' }, { name: 'Poster' }] },
    })

    expect(await call('style.update', { id: ids[0], text: 'Kodak Portra' })).toMatchObject({
      ok: true,
      data: { id: ids[0], name: 'Film', text: 'Kodak Portra' },
    })
    expect(await call('style.delete', { id: ids[1] })).toEqual({ ok: true, data: {} })
    expect(library.styles.list().map((s) => s.name)).toEqual(['Film'])
    expect(emitted).toEqual([
      { event: 'styles.changed', count: 1 },
      { event: 'styles.changed', count: 2 },
      { event: 'styles.changed', count: 2 },
      { event: 'styles.changed', count: 1 },
    ])
    library.close()
  })

  it('refuses bad input with a sentence a person can act on', async () => {
    const { library, call } = await setup()
    const refusal = async (name: string, input: unknown) => {
      const result = await call(name, input)
      expect(result.ok).toBe(false)
      return (result as { error: { code: string; message: string } }).error
    }
    expect(await refusal('style.create', { name: ' ', text: 'x' })).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Give the style a name.',
    })
    expect(await refusal('style.create', { name: 'x'.repeat(STYLE_NAME_MAX_LENGTH + 1), text: 'x' })).toMatchObject({
      message: `Style names can be at most ${STYLE_NAME_MAX_LENGTH} characters.`,
    })
    expect(await refusal('style.create', { name: 'two\nlines', text: 'x' })).toMatchObject({
      message: 'A style name is one line.',
    })
    expect(await refusal('style.create', { name: 'Empty', text: '   ' })).toMatchObject({
      message: 'A style needs some text.',
    })
    expect(await refusal('style.create', { name: 'Long', text: 'x'.repeat(STYLE_TEXT_MAX_LENGTH + 1) })).toMatchObject({
      message: `A style's text can be at most ${STYLE_TEXT_MAX_LENGTH} characters.`,
    })

    await call('style.create', { name: 'Film', text: 'grain' })
    const other = (await call('style.create', { name: 'Other', text: 'x' })) as { data: { id: string } }
    expect(await refusal('style.create', { name: 'FILM', text: 'again' })).toMatchObject({
      code: 'STYLE_NAME_TAKEN',
      message: 'There is already a style named “FILM”. Choose another name.',
    })
    expect(await refusal('style.update', { id: other.data.id, name: 'film' })).toMatchObject({
      code: 'STYLE_NAME_TAKEN',
    })
    // Renaming a style to its own name in another case is fine.
    expect(await call('style.update', { id: other.data.id, name: 'OTHER' })).toMatchObject({
      ok: true,
      data: { name: 'OTHER' },
    })
    expect(await refusal('style.update', { id: 'gone', text: 'x' })).toMatchObject({ code: 'STYLE_NOT_FOUND' })
    expect(await refusal('style.delete', { id: 'gone' })).toMatchObject({ code: 'STYLE_NOT_FOUND' })
    library.close()
  })

  it(`keeps at most ${STYLES_MAX} styles`, async () => {
    const { library, call } = await setup()
    for (let i = library.styles.list().length; i < STYLES_MAX; i += 1)
      library.styles.create({ name: `s${i}`, text: 't' })
    expect(await call('style.create', { name: 'one more', text: 't' })).toMatchObject({
      ok: false,
      error: { code: 'STYLES_FULL' },
    })
    library.close()
  })

  it('takes styles back from the library copy with their ids and times; a taken name is skipped, a taken id replaced', async () => {
    const { library } = await setup()
    const mine = library.styles.create({ name: 'Film', text: 'my own film look' })
    const at = '2025-03-04T05:06:07.000Z'
    const back = library.styles.restore([
      { id: 'style-kept', name: 'Poster', text: 'A poster of {prompt}', createdAt: at, updatedAt: at },
      { id: 'style-other', name: 'film', text: 'theirs', createdAt: at, updatedAt: at },
      { id: mine.id, name: 'Noir', text: 'black and white', createdAt: at, updatedAt: at },
    ])
    expect(back.map((s) => s.name)).toEqual(['Poster', 'Noir'])
    const list = library.styles.list()
    expect(list.map((s) => [s.name, s.text])).toEqual([
      ['Film', 'my own film look'],
      ['Poster', 'A poster of {prompt}'],
      ['Noir', 'black and white'],
    ])
    expect(list[1]).toEqual({
      id: 'style-kept',
      name: 'Poster',
      text: 'A poster of {prompt}',
      createdAt: at,
      updatedAt: at,
    })
    expect(list[2]!.id).not.toBe(mine.id)
    library.close()
  })
})
