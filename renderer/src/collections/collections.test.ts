/** The renderer's collection helpers: what a drop carries, the palette's entries, and a batch's queue group. */
import { afterEach, describe, expect, it } from 'vitest'
import { setAtelierForTests } from '../api/client'
import { batchProgress, groupQueue } from '../queue/BatchGroup'
import { collectionCommands, collectionsStore } from '../stores/collections/store'
import { libraryStore } from '../stores/library/store'
import { uiStore } from '../stores/ui/store'
import { createFakeCore } from '../testing/fakeTransport'
import { makeGeneration } from '../testing/fixtures'
import { draggedGenerationIds } from './dropIds'

afterEach(() => setAtelierForTests(null))

const transfer = (value: string) => ({
  getData: (type: string) => (type === 'application/x-atelier-generation' ? value : ''),
})

describe('collections in the renderer', () => {
  it('a drop carries the dragged ids, or the whole selection when a dragged one is in it', () => {
    expect(draggedGenerationIds(transfer('["a","b"]'), new Set())).toEqual(['a', 'b'])
    expect(draggedGenerationIds(transfer('["b"]'), new Set(['b', 'c']))).toEqual(['b', 'c'])
    expect(draggedGenerationIds(transfer('["x"]'), new Set(['b', 'c']))).toEqual(['x'])
    expect(draggedGenerationIds(transfer('not json'), new Set(['b']))).toEqual([])
    expect(draggedGenerationIds(transfer('[1, "", "ok"]'), new Set())).toEqual(['ok'])
  })

  it('gives the command palette one "open collection" entry per board, which shows the filtered library', async () => {
    const core = createFakeCore({})
    setAtelierForTests(core.api)
    const collections = [
      { id: 'c1', name: 'Birds', createdAt: '2026-01-01T00:00:00.000Z', count: 1 },
      { id: 'c2', name: 'Night', createdAt: '2026-01-01T00:00:00.000Z', count: 12 },
    ]
    const entries = collectionCommands({ collections })
    expect(entries.map(({ id, label, detail }) => ({ id, label, detail }))).toEqual([
      { id: 'collection.open:c1', label: 'Open collection “Birds”', detail: '1 image' },
      { id: 'collection.open:c2', label: 'Open collection “Night”', detail: '12 images' },
    ])
    uiStore.setState({ view: 'studio' })
    await entries[1]!.run()
    expect(uiStore.getState().view).toBe('library')
    expect(libraryStore.getState().view.collectionId).toBe('c2')
    expect(collectionsStore.getState().picking).toBeNull()
  })

  it('groups a batch in the queue at its first member, with its progress', () => {
    const one = makeGeneration({ id: 'one' })
    const a = makeGeneration({ id: 'a', batchId: 'b1', status: 'completed' })
    const b = makeGeneration({ id: 'b', batchId: 'b1', status: 'queued' })
    const c = makeGeneration({
      id: 'c',
      batchId: 'b1',
      status: 'failed',
      error: { code: 'X', message: 'No.', detail: null },
    })
    const entries = groupQueue([a, one, b, c])
    expect(entries.map((e) => (e.kind === 'batch' ? e.members.map((g) => g.id) : e.generation.id))).toEqual([
      ['a', 'b', 'c'],
      'one',
    ])
    expect(batchProgress([a, b, c])).toEqual({ done: 2, total: 3, queued: 1, retryable: 1 })
  })
})
