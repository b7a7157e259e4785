import { afterEach, describe, expect, it } from 'vitest'
import { setAtelierForTests } from '../../api/client'
import { createFakeCore } from '../../testing/fakeTransport'
import { makeGeneration } from '../../testing/fixtures'
import { applyToPages } from './reducer'
import { bindLibraryEvents, createLibraryStore } from './store'

afterEach(() => setAtelierForTests(null))

describe('applyToPages', () => {
  const all = { search: '', favoritesOnly: false }

  it('replaces newer versions in place and inserts new generations newest first', () => {
    const a = makeGeneration({ status: 'completed', version: 4 })
    const b = makeGeneration({ status: 'completed', version: 4 })
    const pages = { items: [b, a], nextCursor: null }
    expect(applyToPages(pages, all, [{ ...a, version: 4, favorite: true }])).toBeNull()

    const fresh = makeGeneration()
    const next = applyToPages(pages, all, [{ ...a, favorite: true, version: 5 }, fresh])!
    expect(next.map((g) => g.id)).toEqual([fresh.id, b.id, a.id])
    expect(next[2]?.favorite).toBe(true)
  })

  it('drops un-favourited items from the favourites view and skips non-matching ones', () => {
    const fav = makeGeneration({ favorite: true, prompt: 'blue whale' })
    const favoritesOnly = { search: '', favoritesOnly: true }
    expect(applyToPages({ items: [fav], nextCursor: null }, favoritesOnly, [{ ...fav, favorite: false, version: 2 }])).toEqual(
      [],
    )
    expect(applyToPages({ items: [], nextCursor: null }, { search: 'whale', favoritesOnly: false }, [makeGeneration()])).toBeNull()
  })

  it('leaves items older than the loaded pages to paging', () => {
    const old = makeGeneration()
    const newer = makeGeneration()
    expect(applyToPages({ items: [newer], nextCursor: 'c1' }, all, [old])).toBeNull()
    expect(applyToPages({ items: [newer], nextCursor: null }, all, [old])?.map((g) => g.id)).toEqual([newer.id, old.id])
  })
})

describe('library store', () => {
  it('pages with the cursor and drops answers to an older query', async () => {
    const items = Array.from({ length: 5 }, () => makeGeneration({ status: 'completed' })).reverse()
    const pending: Array<() => void> = []
    const core = createFakeCore({
      'generation.list': async ({ cursor, search }) => {
        if (search === 'slow') await new Promise<void>((resolve) => pending.push(resolve))
        if (search) return { items: items.filter((g) => g.prompt.includes(search)), nextCursor: null }
        return cursor === null ? { items: items.slice(0, 3), nextCursor: 'page-2' } : { items: items.slice(3), nextCursor: null }
      },
    })
    setAtelierForTests(core.api)
    const store = createLibraryStore()
    await store.getState().reload()
    expect(store.getState().items).toHaveLength(3)
    await store.getState().loadMore()
    expect(store.getState().items.map((g) => g.id)).toEqual(items.map((g) => g.id))
    expect(store.getState().nextCursor).toBeNull()

    const slow = store.getState().setSearch('slow')
    const fast = store.getState().setSearch(items[0]!.prompt)
    await fast
    pending.forEach((resolve) => resolve())
    await slow
    expect(store.getState().items.map((g) => g.id)).toEqual([items[0]!.id])
    expect(core.callsOf('generation.list').at(-1)).toMatchObject({ search: items[0]!.prompt, favoritesOnly: false })
  })

  it('applies favourite changes from events and from its own toggle', async () => {
    const g = makeGeneration({ status: 'completed', version: 1 })
    const core = createFakeCore({
      'generation.list': () => ({ items: [g], nextCursor: null }),
      'generation.setFavorite': ({ id, favorite }) => ({ ...g, id, favorite, version: 2 }),
    })
    setAtelierForTests(core.api)
    const store = createLibraryStore()
    bindLibraryEvents(core.api, store)
    await store.getState().reload()
    await store.getState().setFavorite(g.id, true)
    expect(store.getState().items[0]?.favorite).toBe(true)
    core.emit('generation.updated', { items: [{ ...g, favorite: false, version: 3 }] })
    expect(store.getState().items[0]?.favorite).toBe(false)
  })
})
