import { afterEach, describe, expect, it } from 'vitest'
import type { ReferenceInfo } from '../../../../shared/domain'
import { AtelierError } from '../../../../shared/result'
import { setAtelierForTests } from '../../api/client'
import { createFakeCore, until } from '../../testing/fakeTransport'
import { makeGeneration, makeReference } from '../../testing/fixtures'
import { DRAFT_STORAGE_KEY } from './draft'
import { selectFinalPrompt, selectGenerateBlocker, selectWebhookError } from './selectors'
import { stylesStore } from '../styles/store'
import { spendLimitQuestion } from './spendLimit'
import { createStudioStore, memoryStorage, REFERENCE_LIMIT_MESSAGE, type ReferenceRequest } from './store'

afterEach(() => setAtelierForTests(null))

const texts = (store: ReturnType<typeof createStudioStore>) => store.getState().trayMessages.map((m) => m.text)

const bytes = (name: string): ReferenceRequest => ({
  label: name,
  source: { kind: 'bytes', name, bytes: new Uint8Array([1, 2, 3]) },
})

function coreWithReferences() {
  const prepared: ReferenceInfo[] = []
  const core = createFakeCore({
    'reference.prepare': ({ source }) => {
      if (source.kind === 'bytes' && source.name.endsWith('.txt')) {
        throw new AtelierError({ code: 'REFERENCE_NOT_IMAGE', message: `${source.name} is not an image.` })
      }
      const reference = makeReference({ name: source.kind === 'bytes' ? source.name : null })
      prepared.push(reference)
      return reference
    },
  })
  setAtelierForTests(core.api)
  return { core, prepared }
}

describe('studio references', () => {
  it('keeps order and refuses a fifth image with a visible message', async () => {
    coreWithReferences()
    const store = createStudioStore({ storage: memoryStorage() })
    await store.getState().addReferences([bytes('a.jpg'), bytes('b.jpg'), bytes('c.jpg')])
    expect(store.getState().draft.references.map((r) => r.name)).toEqual(['a.jpg', 'b.jpg', 'c.jpg'])
    expect(store.getState().trayMessages).toEqual([])

    await store.getState().addReferences([bytes('d.jpg'), bytes('e.jpg')])
    expect(store.getState().draft.references.map((r) => r.name)).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'])
    expect(texts(store)).toEqual([REFERENCE_LIMIT_MESSAGE])
    expect(REFERENCE_LIMIT_MESSAGE).toBe('At most 4 reference images — remove one first.')

    await store.getState().addReferences([bytes('f.jpg')])
    expect(store.getState().draft.references).toHaveLength(4)
    expect(texts(store)).toEqual([REFERENCE_LIMIT_MESSAGE])
  })

  it('prepares a batch all at once and still adds it in the order given', async () => {
    // The core answers in reverse order: c first, a last.
    const release = new Map<string, () => void>()
    const core = createFakeCore({
      'reference.prepare': async ({ source }) => {
        const name = source.kind === 'bytes' ? source.name : ''
        await new Promise<void>((resolve) => release.set(name, resolve))
        return makeReference({ name })
      },
    })
    setAtelierForTests(core.api)
    const store = createStudioStore({ storage: memoryStorage() })
    const adding = store.getState().addReferences([bytes('a.jpg'), bytes('b.jpg'), bytes('c.jpg')])
    await until(() => release.size === 3)
    for (const name of ['c.jpg', 'b.jpg', 'a.jpg']) release.get(name)!()
    await adding
    expect(store.getState().draft.references.map((r) => r.name)).toEqual(['a.jpg', 'b.jpg', 'c.jpg'])
    expect(store.getState().pending).toEqual([])
  })

  it("shows the core's refusal and leaves no spinner behind", async () => {
    coreWithReferences()
    const store = createStudioStore({ storage: memoryStorage() })
    await store.getState().addReferences([bytes('notes.txt')])
    expect(texts(store)).toEqual(['notes.txt is not an image.'])
    expect(store.getState().pending).toEqual([])
    expect(store.getState().draft.references).toEqual([])
  })

  it('keeps every refusal of one batch, and a new batch starts afresh', async () => {
    coreWithReferences()
    const store = createStudioStore({ storage: memoryStorage() })
    await store.getState().addReferences([bytes('a.txt'), bytes('ok.jpg'), bytes('b.txt')])
    expect(texts(store)).toEqual(['a.txt is not an image.', 'b.txt is not an image.'])
    expect(store.getState().draft.references.map((r) => r.name)).toEqual(['ok.jpg'])
    store.getState().dismissTrayMessage(store.getState().trayMessages[0]!.id)
    expect(texts(store)).toEqual(['b.txt is not an image.'])
    await store.getState().addReferences([bytes('c.jpg')])
    expect(texts(store)).toEqual([])
  })

  it('shows a tile per image while it is being prepared', async () => {
    coreWithReferences()
    const store = createStudioStore({ storage: memoryStorage() })
    const adding = store.getState().addReferences([bytes('a.jpg'), bytes('b.jpg')])
    expect(store.getState().pending.map((p) => p.label)).toEqual(['a.jpg', 'b.jpg'])
    await adding
    expect(store.getState().pending).toEqual([])
  })

  it('reorders and removes', async () => {
    coreWithReferences()
    const store = createStudioStore({ storage: memoryStorage() })
    await store.getState().addReferences([bytes('a.jpg'), bytes('b.jpg'), bytes('c.jpg')])
    store.getState().moveReference(0, 2)
    expect(store.getState().draft.references.map((r) => r.name)).toEqual(['b.jpg', 'c.jpg', 'a.jpg'])
    store.getState().moveReference(2, 5)
    expect(store.getState().draft.references.map((r) => r.name)).toEqual(['b.jpg', 'c.jpg', 'a.jpg'])
    store.getState().removeReference(1)
    expect(store.getState().draft.references.map((r) => r.name)).toEqual(['b.jpg', 'a.jpg'])
  })
})

describe('studio draft', () => {
  it('survives a restart through storage, and a damaged field falls back alone', async () => {
    coreWithReferences()
    const storage = memoryStorage()
    const first = createStudioStore({ storage })
    first.getState().setPrompt('a lighthouse at dusk')
    first.getState().setAspectRatio('4:3')
    first.getState().setVariations(3)
    await first.getState().addReferences([bytes('a.jpg')])

    const second = createStudioStore({ storage })
    expect(second.getState().draft).toMatchObject({ prompt: 'a lighthouse at dusk', aspectRatio: '4:3', variations: 3 })
    expect(second.getState().draft.references).toHaveLength(1)

    const stored = JSON.parse(storage.data[DRAFT_STORAGE_KEY]!) as { state: { draft: Record<string, unknown> } }
    stored.state.draft['aspectRatio'] = 'panorama'
    storage.data[DRAFT_STORAGE_KEY] = JSON.stringify(stored)
    const third = createStudioStore({ storage })
    expect(third.getState().draft).toMatchObject({ prompt: 'a lighthouse at dusk', aspectRatio: 'auto', variations: 3 })
  })

  it('says why Generate cannot run', () => {
    const store = createStudioStore({ storage: memoryStorage() })
    expect(selectGenerateBlocker(store.getState())).toBe('Write a prompt first.')
    store.getState().setPrompt('x'.repeat(4003))
    expect(selectGenerateBlocker(store.getState())).toBe('The prompt is 3 characters over the 4000 limit.')
    store.getState().setPrompt('fine')
    store.getState().setCallbackUrl('http://example.com/hook')
    expect(selectWebhookError(store.getState())).not.toBeNull()
    expect(selectGenerateBlocker(store.getState())).toMatch(/webhook/)
    store.getState().setCallbackUrl('https://example.com/hook')
    expect(selectGenerateBlocker(store.getState())).toBeNull()
  })

  it('generates with the draft and hands the result on', async () => {
    const created: string[] = []
    const core = createFakeCore({
      'generation.create': (input) => ({
        generations: Array.from({ length: input.variations }, () =>
          makeGeneration({ prompt: input.prompt, aspectRatio: input.aspectRatio }),
        ),
      }),
    })
    setAtelierForTests(core.api)
    const store = createStudioStore({
      storage: memoryStorage(),
      onGenerated: (generations) => created.push(...generations.map((g) => g.id)),
    })
    store.getState().setPrompt('  two foxes  ')
    store.getState().setVariations(2)
    store.getState().setCallbackUrl(' ')
    const result = await store.getState().generate()
    expect(result).toHaveLength(2)
    expect(created).toHaveLength(2)
    expect(core.callsOf('generation.create')[0]).toEqual({
      prompt: 'two foxes',
      aspectRatio: 'auto',
      referenceIds: [],
      variations: 2,
      callbackUrl: null,
      styleIds: [],
      confirmOverLimit: false,
    })
  })

  it('applies styles in the order chosen: the final prompt, its limit, and the ids sent', async () => {
    const core = createFakeCore({
      'generation.create': (input) => ({ generations: [makeGeneration({ prompt: input.prompt })] }),
    })
    setAtelierForTests(core.api)
    const film = {
      id: 'film',
      name: 'Film',
      text: '35mm film',
      createdAt: makeGeneration().createdAt,
      updatedAt: makeGeneration().createdAt,
    }
    const poster = { ...film, id: 'poster', name: 'Poster', text: 'A poster of {prompt}' }
    stylesStore.setState({ styles: [film, poster] })
    const store = createStudioStore({ storage: memoryStorage() })
    store.getState().setPrompt('a fox')
    store.getState().toggleStyle('film')
    store.getState().toggleStyle('poster')
    expect(selectFinalPrompt(store.getState(), [film, poster])).toBe('A poster of a fox, 35mm film')
    store.getState().toggleStyle('film')
    store.getState().toggleStyle('film')
    expect(store.getState().draft.styleIds).toEqual(['poster', 'film'])
    expect(selectFinalPrompt(store.getState(), [film, poster])).toBe('A poster of a fox, 35mm film')

    // The limit applies to the result.
    store.getState().setPrompt('x'.repeat(3990))
    expect(selectGenerateBlocker(store.getState(), [film, poster])).toBe(
      'The prompt is 13 characters over the 4000 limit.',
    )
    expect(await store.getState().generate()).toBeNull()
    expect(core.callsOf('generation.create')).toHaveLength(0)

    // A style deleted meanwhile is simply not sent.
    store.getState().setPrompt('a fox')
    stylesStore.setState({ styles: [poster] })
    await store.getState().generate()
    expect(core.callsOf('generation.create')[0]).toMatchObject({ prompt: 'a fox', styleIds: ['poster'] })

    // A prompt recalled from the history was sent with its styles in it: none stays applied.
    store.getState().recallPrompt({ prompt: 'A poster of an owl', aspectRatio: '3:4' })
    expect(store.getState().draft).toMatchObject({ prompt: 'A poster of an owl', aspectRatio: '3:4', styleIds: [] })
    stylesStore.setState({ styles: [] })
  })

  it('maps a refused creation to a message and an action', async () => {
    const core = createFakeCore({
      'generation.create': () => {
        throw new AtelierError({ code: 'INSUFFICIENT_CREDITS', message: 'Your runblob balance is too low.' })
      },
    })
    setAtelierForTests(core.api)
    const store = createStudioStore({ storage: memoryStorage() })
    store.getState().setPrompt('a cat')
    expect(await store.getState().generate()).toBeNull()
    expect(store.getState().submitError).toMatchObject({
      message: 'Your runblob balance is too low.',
      action: { kind: 'top-up' },
    })
    expect(store.getState().submitting).toBe(false)
  })

  it('remixes an earlier generation into the draft', () => {
    const store = createStudioStore({ storage: memoryStorage() })
    const references = [makeReference(), makeReference()]
    store.getState().remix(makeGeneration({ prompt: 'a red kite', aspectRatio: '3:4', references }))
    expect(store.getState().draft).toMatchObject({ prompt: 'a red kite', aspectRatio: '3:4', references })
  })
})

describe('spending', () => {
  const overLimit = new AtelierError({
    code: 'SPEND_LIMIT',
    message:
      "Today's spending is $0.04; these 3 images (≈ $0.12) would take it to $0.16, over your daily limit of $0.10.",
    data: { limit: 'daily', limitAmount: '0.10', spent: '0.04', after: '0.16', total: '0.12', variations: 3 },
  })

  function limitedCore() {
    const core = createFakeCore({
      'generation.create': (input) => {
        if (!input.confirmOverLimit) throw overLimit
        return { generations: [makeGeneration({ prompt: input.prompt })] }
      },
      'generation.quote': ({ variations }) => ({
        unitPrice: '0.04',
        variations,
        total: ['0.04', '0.08', '0.12', '0.16'][variations - 1] ?? null,
        today: '0.04',
        thisMonth: '0.04',
        wouldExceed: null,
      }),
    })
    setAtelierForTests(core.api)
    return core
  }

  it('asks before passing a limit; cancel sends nothing more', async () => {
    const core = limitedCore()
    const store = createStudioStore({ storage: memoryStorage() })
    store.getState().setPrompt('three foxes')
    expect(await store.getState().generate()).toBeNull()
    expect(store.getState().submitError).toBeNull()
    const prompt = store.getState().limitPrompt!
    expect(spendLimitQuestion(prompt)).toBe(
      "This would take today's spending to $0.16, over your daily limit of $0.10. Generate anyway?",
    )
    // While the question is open, Ctrl+Enter again does not send a second request.
    expect(await store.getState().generate()).toBeNull()
    store.getState().cancelOverLimit()
    expect(store.getState().limitPrompt).toBeNull()
    expect(core.callsOf('generation.create')).toHaveLength(1)
  })

  it('generates the same draft, confirmed, when the user says so', async () => {
    const core = limitedCore()
    const store = createStudioStore({ storage: memoryStorage() })
    store.getState().setPrompt('three foxes')
    await store.getState().generate()
    expect(await store.getState().confirmOverLimit()).toHaveLength(1)
    expect(core.callsOf('generation.create').map((c) => (c as { confirmOverLimit: boolean }).confirmOverLimit)).toEqual(
      [false, true],
    )
    expect(store.getState().limitPrompt).toBeNull()
  })

  it('says when a limit is already reached and the price is not known yet', () => {
    expect(
      spendLimitQuestion({
        limit: 'monthly',
        limitAmount: '25',
        spent: '30',
        after: null,
        total: null,
        variations: 1,
        message: '',
      }),
    ).toBe("This month's spending is already $30.00, at or over your monthly limit of $25.00. Generate anyway?")
  })

  it('keeps the preview for the variations last asked about', async () => {
    limitedCore()
    const store = createStudioStore({ storage: memoryStorage() })
    store.getState().setVariations(3)
    await until(() => store.getState().quote?.variations === 3, 'the quote')
    expect(store.getState().quote).toMatchObject({ unitPrice: '0.04', total: '0.12' })
  })

  it('shows a malformed refusal as an error, not a question', async () => {
    const core = createFakeCore({
      'generation.create': () => {
        throw new AtelierError({ code: 'SPEND_LIMIT', message: 'Over the limit.', data: { limit: 'weekly' } })
      },
    })
    setAtelierForTests(core.api)
    const store = createStudioStore({ storage: memoryStorage() })
    store.getState().setPrompt('a fox')
    await store.getState().generate()
    expect(store.getState().limitPrompt).toBeNull()
    expect(store.getState().submitError).toMatchObject({ code: 'SPEND_LIMIT', message: 'Over the limit.' })
  })
})
