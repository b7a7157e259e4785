import { afterEach, describe, expect, it } from 'vitest'
import { setAtelierForTests } from '../../api/client'
import { createFakeCore, until } from '../../testing/fakeTransport'
import { makeReference } from '../../testing/fixtures'
import { bindDraftPersistence } from './persistence'
import { createStudioStore, memoryStorage } from './store'

afterEach(() => setAtelierForTests(null))

function coreWithDraft(stored: unknown) {
  let saved: unknown = stored
  let release: () => void = () => {}
  const answered = new Promise<void>((resolve) => (release = resolve))
  const core = createFakeCore({
    'draft.get': async () => {
      await answered
      return { draft: saved }
    },
    'draft.save': ({ draft }) => {
      saved = draft
      return {}
    },
  })
  return { core, release, saved: () => saved }
}

describe('draft persistence in the core', () => {
  it("restores the core's draft when the page starts without one (a new origin)", async () => {
    const reference = makeReference()
    const { core, release } = coreWithDraft({
      prompt: 'a harbour at dawn',
      aspectRatio: '3:4',
      variations: 2,
      references: [reference],
      callbackUrl: '',
    })
    const store = createStudioStore({ storage: memoryStorage() })
    const persistence = bindDraftPersistence(core.api, store, 10)
    release()
    await persistence.ready
    expect(store.getState().draft).toEqual({
      prompt: 'a harbour at dawn',
      aspectRatio: '3:4',
      variations: 2,
      references: [reference],
      callbackUrl: '',
      styleIds: [],
    })
    expect(core.callsOf('draft.save')).toHaveLength(0)
    persistence.stop()
  })

  it('keeps an edit made before the core answered, and saves it', async () => {
    const { core, release, saved } = coreWithDraft({
      prompt: 'old',
      aspectRatio: '1:1',
      variations: 1,
      references: [],
      callbackUrl: '',
    })
    const store = createStudioStore({ storage: memoryStorage() })
    const persistence = bindDraftPersistence(core.api, store, 10)
    store.getState().setPrompt('typed at once')
    release()
    await persistence.ready
    expect(store.getState().draft.prompt).toBe('typed at once')
    expect(saved()).toMatchObject({ prompt: 'typed at once', aspectRatio: 'auto' })
    persistence.stop()
  })

  it('saves choices at once and typing after a pause; a damaged field falls back alone', async () => {
    const { core, release, saved } = coreWithDraft({
      prompt: 'kept',
      aspectRatio: 'panorama',
      variations: 9,
      references: 'x',
    })
    const store = createStudioStore({ storage: memoryStorage() })
    const persistence = bindDraftPersistence(core.api, store, 10)
    release()
    await persistence.ready
    expect(store.getState().draft).toMatchObject({ prompt: 'kept', aspectRatio: 'auto', variations: 1, references: [] })

    store.getState().setAspectRatio('4:3')
    expect(saved()).toMatchObject({ aspectRatio: '4:3' })
    store.getState().setPrompt('kept and more')
    expect(saved()).toMatchObject({ prompt: 'kept' })
    await until(() => (saved() as { prompt: string }).prompt === 'kept and more', 'the typed prompt to be saved')
    persistence.stop()
  })
})
