/** Recall in the studio store: an image with a recipe waits for a choice; restoring is undoable. */
import { afterEach, describe, expect, it } from 'vitest'
import type { RecipeReading } from '../../../../shared/contract'
import { AtelierError } from '../../../../shared/result'
import { setAtelierForTests } from '../../api/client'
import { createFakeCore } from '../../testing/fakeTransport'
import { makeReference } from '../../testing/fixtures'
import { createStudioStore, memoryStorage, type ReferenceRequest } from './store'

afterEach(() => setAtelierForTests(null))

const file = (name: string): ReferenceRequest => ({
  label: name,
  source: { kind: 'bytes', name, bytes: new TextEncoder().encode(name) },
})

const known = makeReference({ name: 'harbour.jpg' })

/** `with-recipe*.png` carry a recipe with two references, one of them in the library; `hostile.png` is refused. */
function core() {
  const prepared: string[] = []
  const api = createFakeCore({
    'recipe.read': ({ bytes }): RecipeReading => {
      const name = new TextDecoder().decode(bytes)
      if (name === 'hostile.png') throw new AtelierError({ code: 'RECIPE_INVALID', message: 'The recipe is damaged.' })
      if (!name.startsWith('with-recipe')) return { recipe: null, inLibrary: null, references: [] }
      return {
        recipe: {
          generationId: 'g1',
          prompt: 'a lighthouse in fog',
          aspectRatio: '3:4',
          taskUuid: null,
          createdAt: '2026-11-30T10:00:00.000Z',
        },
        inLibrary: null,
        references: [
          { hash: known.id, referenceId: known.id, reference: known },
          { hash: 'f'.repeat(64), referenceId: null, reference: null },
        ],
      }
    },
    'reference.prepare': ({ source }) => {
      const name = source.kind === 'bytes' ? source.name : ''
      prepared.push(name)
      return makeReference({ name })
    },
  })
  setAtelierForTests(api.api)
  return { prepared }
}

describe('recall', () => {
  it('offers instead of adding; restores prompt, ratio and the found references; undo gives the draft back', async () => {
    const { prepared } = core()
    const store = createStudioStore({ storage: memoryStorage() })
    store.getState().setPrompt('my idea')
    await store.getState().addReferences([file('plain.jpg'), file('with-recipe.png')])
    expect(prepared).toEqual(['plain.jpg'])
    expect(store.getState().pending).toEqual([])
    const [offer] = store.getState().recallOffers
    expect(offer).toMatchObject({ label: 'with-recipe.png', found: [known], missing: 1 })

    store.getState().restoreRecall(offer!.id)
    const { draft } = store.getState()
    expect(draft.prompt).toBe('a lighthouse in fog')
    expect(draft.aspectRatio).toBe('3:4')
    expect(draft.references.map((r) => r.name)).toEqual(['plain.jpg', 'harbour.jpg'])
    expect(store.getState().recallOffers).toEqual([])

    store.getState().undoRecall()
    expect(store.getState().draft).toMatchObject({ prompt: 'my idea', aspectRatio: 'auto' })
    expect(store.getState().draft.references.map((r) => r.name)).toEqual(['plain.jpg'])
    expect(store.getState().recallUndo).toBeNull()
  })

  it('"just use it as a reference" prepares the image itself, and a hostile recipe is treated as none', async () => {
    const { prepared } = core()
    const store = createStudioStore({ storage: memoryStorage() })
    await store.getState().addReferences([file('with-recipe.png'), file('hostile.png')])
    expect(prepared).toEqual(['hostile.png'])
    await store.getState().useRecallAsReference(store.getState().recallOffers[0]!.id)
    expect(prepared).toEqual(['hostile.png', 'with-recipe.png'])
    expect(store.getState().recallOffers).toEqual([])
    expect(store.getState().draft.prompt).toBe('')
  })

  it('offers a recipe even when the tray is full, and adds no reference twice or past the limit', async () => {
    core()
    const store = createStudioStore({ storage: memoryStorage() })
    const restoreNext = () => store.getState().restoreRecall(store.getState().recallOffers[0]!.id)
    await store.getState().addReferences([file('a.jpg'), file('b.jpg'), file('c.jpg'), file('d.jpg')])
    // The image itself does not fit, but its recipe needs no room: offered, and no limit message.
    await store.getState().addReferences([file('with-recipe.png')])
    expect(store.getState().trayMessages).toEqual([])
    restoreNext()
    expect(store.getState().draft.prompt).toBe('a lighthouse in fog')
    expect(store.getState().draft.references.map((r) => r.name)).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'])
    expect(store.getState().recallUndo?.overLimit).toBe(1)

    store.getState().removeReference(3)
    for (const name of ['with-recipe-2.png', 'with-recipe-3.png']) {
      await store.getState().addReferences([file(name)])
      restoreNext()
    }
    expect(store.getState().draft.references.map((r) => r.name)).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'harbour.jpg'])
    expect(store.getState().recallUndo?.overLimit).toBe(0)
  })
})
