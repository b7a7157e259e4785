import { afterEach, describe, expect, it } from 'vitest'
import type { Generation } from '../../../../shared/domain'
import { setAtelierForTests } from '../../api/client'
import { createFakeCore, until } from '../../testing/fakeTransport'
import { makeGeneration } from '../../testing/fixtures'
import { isKept, pagesCovering, PAGE_SIZE } from './paging'
import { applyToPages, matchesView } from './reducer'
import { selectCount } from './selectors'
import { bindLibraryEvents, createLibraryStore, initialLibraryState, itemAt, positionOf } from './store'
import { defaultView, viewFromQuery, viewToFilter, viewToQuery } from './view'

afterEach(() => setAtelierForTests(null))

describe('library view', () => {
  it('round-trips through its URL-like form and survives damage field by field', () => {
    const view = {
      ...defaultView(),
      search: 'red fox',
      statuses: ['failed' as const, 'rejected' as const],
      favoritesOnly: true,
      aspectRatios: ['4:3' as const],
      from: '2026-01-01',
      to: '2026-01-31',
      usedReferences: false,
      sort: 'price' as const,
      trash: true,
      collectionId: 'board-1',
    }
    const query = viewToQuery(view)
    expect(query).toContain('q=red+fox')
    expect(viewFromQuery(query)).toEqual(view)
    expect(viewToQuery(defaultView())).toBe('')
    expect(viewFromQuery('q=owl&status=failed,nonsense&ratio=5:4&sort=cheapest&from=yesterday')).toEqual({
      ...defaultView(),
      search: 'owl',
    })
    expect(viewFromQuery(null)).toEqual(defaultView())
  })

  it('turns local days into instants, the end day included', () => {
    const filter = viewToFilter({ ...defaultView(), from: '2026-03-01', to: '2026-03-01' })
    expect(Date.parse(filter.createdBefore!) - Date.parse(filter.createdFrom!)).toBeGreaterThanOrEqual(23 * 3600_000)
    expect(new Date(filter.createdFrom!).getDate()).toBe(1)
  })
})

describe('applyToPages', () => {
  const view = defaultView()

  it('replaces newer versions in place and calls anything that moves rows structural', () => {
    const a = makeGeneration({ status: 'completed', version: 4 })
    const b = makeGeneration({ status: 'completed', version: 4 })
    const pages = { 0: [b, a] }
    expect(applyToPages(pages, view, [{ ...a, favorite: true }])).toEqual({ pages: null, structural: false })
    const next = applyToPages(pages, view, [{ ...a, favorite: true, version: 5 }])
    expect(next.structural).toBe(false)
    expect(next.pages?.[0]?.[1]?.favorite).toBe(true)
    // A new match, a row that goes to the trash: both move rows.
    expect(applyToPages(pages, view, [makeGeneration()]).structural).toBe(true)
    // In a collection, a new row is not a member until the collection says so (library.changed).
    expect(applyToPages(pages, { ...view, collectionId: 'board' }, [makeGeneration()]).structural).toBe(false)
    expect(applyToPages(pages, view, [{ ...a, deletedAt: '2026-01-01T00:00:00.000Z', version: 6 }]).structural).toBe(
      true,
    )
    expect(applyToPages(pages, { ...view, favoritesOnly: true }, [makeGeneration()]).structural).toBe(false)
    expect(applyToPages(pages, { ...view, sort: 'price' }, [{ ...a, price: '0.04', version: 7 }]).structural).toBe(true)
  })

  it('matches search by the start of words, and every other filter', () => {
    const g = makeGeneration({ prompt: 'A red fox in snow', aspectRatio: '4:3', status: 'failed' })
    expect(matchesView(g, { ...view, search: 'fo' })).toBe(true)
    expect(matchesView(g, { ...view, search: 'ox' })).toBe(false)
    expect(matchesView(g, { ...view, statuses: ['failed'], aspectRatios: ['4:3'], usedReferences: false })).toBe(true)
    expect(matchesView(g, { ...view, aspectRatios: ['1:1'] })).toBe(false)
    expect(matchesView(g, { ...view, trash: true })).toBe(false)
  })
})

describe('paging', () => {
  it('covers positions with pages and keeps only those near the screen', () => {
    expect(pagesCovering(0, PAGE_SIZE * 2, 1000)).toEqual([0, 1, 2])
    expect(pagesCovering(0, 10_000, 70)).toEqual([0, 1])
    expect(pagesCovering(0, 10, 0)).toEqual([])
    expect(isKept(0, PAGE_SIZE * 50, PAGE_SIZE * 51)).toBe(false)
    expect(isKept(48, PAGE_SIZE * 50, PAGE_SIZE * 51)).toBe(true)
  })
})

/** A fake core over a fixed list, answering pages by cursor or offset as the real one does. */
function fakeLibrary(all: Generation[], extra: Parameters<typeof createFakeCore>[0] = {}) {
  return createFakeCore({
    'library.view': () => ({ view: 'sort=oldest' }),
    'library.saveView': () => ({}),
    'generation.list': ({ cursor, offset, limit, withTotal, search }) => {
      const matching = all.filter((g) => g.prompt.includes(search))
      const start = cursor ? Number(cursor) : offset
      const items = matching.slice(start, start + limit)
      return {
        items,
        nextCursor: start + limit < matching.length ? String(start + limit) : null,
        total: withTotal ? matching.length : null,
      }
    },
    'generation.count': ({ search }) => ({ total: all.filter((g) => g.prompt.includes(search)).length }),
    ...extra,
  })
}

describe('library store', () => {
  const all = Array.from({ length: PAGE_SIZE * 20 }, (_, i) =>
    makeGeneration({ status: 'completed', prompt: `prompt ${i}` }),
  )

  it('reads the saved view, counts, loads what is shown and lets go of what is far away', async () => {
    const core = fakeLibrary(all)
    setAtelierForTests(core.api)
    const store = createLibraryStore()
    await store.getState().reload()
    expect(store.getState().view.sort).toBe('oldest')
    expect(store.getState().total).toBe(all.length)
    // The first page and the count are asked side by side, the count not with the page.
    expect(core.callsOf('generation.list')[0]).toMatchObject({ sort: 'oldest', offset: 0 })
    expect(core.callsOf('generation.list')[0]).not.toHaveProperty('withTotal', true)
    expect(core.callsOf('generation.count')).toEqual([expect.objectContaining({ sort: 'oldest' })])

    // Scrolling on: the next page continues from the cursor, and the one after it is asked ahead.
    store.getState().showRange(PAGE_SIZE, PAGE_SIZE + 5)
    await until(() => itemAt(store.getState(), PAGE_SIZE * 2) !== undefined, 'page 2, ahead')
    expect(core.callsOf('generation.list')).toContainEqual(expect.objectContaining({ cursor: String(PAGE_SIZE) }))
    // A jump uses an offset (and asks the page ahead of it once it has settled).
    store.getState().showRange(PAGE_SIZE * 15, PAGE_SIZE * 15 + 5)
    await until(() => itemAt(store.getState(), PAGE_SIZE * 16) !== undefined, 'page 16, ahead')
    expect(core.callsOf('generation.list')).toContainEqual(
      expect.objectContaining({ cursor: null, offset: PAGE_SIZE * 15 }),
    )
    expect(Object.keys(store.getState().pages).map(Number)).toEqual([15, 16])
    expect(positionOf(store.getState(), all[PAGE_SIZE * 15 + 3]!.id)).toBe(PAGE_SIZE * 15 + 3)
    // Moving up asks the page above instead.
    store.getState().showRange(PAGE_SIZE * 15, PAGE_SIZE * 15 + 5, false)
    await until(() => itemAt(store.getState(), PAGE_SIZE * 14) !== undefined, 'page 14, ahead going up')

    // The viewer walks past what is loaded.
    expect((await store.getState().fetchAt(PAGE_SIZE * 16))?.id).toBe(all[PAGE_SIZE * 16]!.id)
  })

  it('shows the first page before the count lands, then takes the count', async () => {
    let countNow: () => void = () => {}
    const core = fakeLibrary(all, {
      'generation.count': async () => {
        await new Promise<void>((resolve) => (countNow = resolve))
        return { total: all.length }
      },
    })
    setAtelierForTests(core.api)
    const store = createLibraryStore()
    const loading = store.getState().reload()
    await until(() => itemAt(store.getState(), 0) !== undefined, 'the first page')
    // The rows seen so far stand in for the count: the grid shows them; the "N images" line waits.
    expect(store.getState()).toMatchObject({ status: 'ready', total: PAGE_SIZE, counted: false })
    expect(selectCount(store.getState())).toBeNull()
    countNow()
    await loading
    expect(store.getState()).toMatchObject({ total: all.length, counted: true })
    expect(selectCount(store.getState())).toBe(all.length)
  })

  it('knows the count from the first page alone when nothing follows it', async () => {
    const core = fakeLibrary(all, { 'generation.count': () => new Promise(() => {}) })
    setAtelierForTests(core.api)
    const store = createLibraryStore()
    void store.getState().setSearch('prompt 119')
    await until(() => itemAt(store.getState(), 0) !== undefined, 'the first page')
    const shown = all.filter((g) => g.prompt.includes('prompt 119')).length
    expect(shown).toBeLessThan(PAGE_SIZE)
    expect(store.getState()).toMatchObject({ total: shown, counted: true })
  })

  it('drops answers to an older view and saves the new one', async () => {
    const pending: Array<() => void> = []
    const core = fakeLibrary(all, {
      'generation.list': async ({ search, limit, withTotal }) => {
        if (search === 'slow') await new Promise<void>((resolve) => pending.push(resolve))
        const items = all.filter((g) => g.prompt.includes(search)).slice(0, limit)
        return { items, nextCursor: null, total: withTotal ? items.length : null }
      },
    })
    setAtelierForTests(core.api)
    const store = createLibraryStore()
    const slow = store.getState().setSearch('slow')
    await until(() => pending.length === 1, 'the slow query')
    await store.getState().setSearch('prompt 7')
    pending.forEach((resolve) => resolve())
    await slow
    expect(itemAt(store.getState(), 0)?.prompt).toBe('prompt 7')
    await until(() => core.callsOf('library.saveView').length > 0, 'the view saved')
    expect(core.callsOf('library.saveView').at(-1)).toEqual({ view: 'q=prompt+7&sort=oldest' })
  })

  it('selects by click, Ctrl-click, Shift-range and "all"; deletes with undo', async () => {
    const deleted: string[][] = []
    const restored: string[][] = []
    const core = fakeLibrary(all, {
      'library.ids': () => ({ ids: all.map((g) => g.id), truncated: false }),
      'library.delete': ({ ids }) => {
        deleted.push(ids)
        return { deleted: ids, kept: [] }
      },
      'library.restore': ({ ids }) => {
        restored.push(ids)
        return { restored: ids }
      },
    })
    setAtelierForTests(core.api)
    const store = createLibraryStore()
    await store.getState().reload()
    const id = (i: number) => all[i]!.id
    await store.getState().select(id(2), 2, 'toggle')
    await store.getState().select(id(5), 5, 'range')
    expect([...store.getState().selection]).toEqual([id(2), id(3), id(4), id(5)])
    await store.getState().select(id(3), 3, 'toggle')
    expect(store.getState().selection.has(id(3))).toBe(false)
    await store.getState().select(id(9), 9, 'only')
    expect([...store.getState().selection]).toEqual([id(9)])
    await store.getState().selectAll()
    expect(store.getState().selection.size).toBe(all.length)

    await store.getState().remove([id(1), id(2)])
    expect(deleted).toEqual([[id(1), id(2)]])
    expect(store.getState().lastDelete).toMatchObject({ ids: [id(1), id(2)], kept: 0 })
    expect(store.getState().selection.has(id(1))).toBe(false)
    await store.getState().undoRemove()
    expect(restored).toEqual([[id(1), id(2)]])
    expect(store.getState().lastDelete).toBeNull()
  })

  it('a refresh overtaken by a newer one is done only when the newer one has stored its rows', async () => {
    let rows = all
    const gates: Array<() => void> = []
    const core = fakeLibrary(all, {
      'generation.list': async ({ offset, limit, withTotal }) => {
        const current = rows
        await new Promise<void>((resolve) => gates.push(resolve))
        return {
          items: current.slice(offset, offset + limit),
          nextCursor: null,
          total: withTotal ? current.length : null,
        }
      },
      'generation.count': () => ({ total: rows.length }),
    })
    setAtelierForTests(core.api)
    const store = createLibraryStore()
    const loading = store.getState().reload()
    await until(() => gates.length === 1, 'the first page asked')
    gates.shift()!()
    await loading

    // The first row goes to the trash: one refresh for the delete, another for the event right after.
    rows = all.slice(1)
    let firstDone = false
    const first = store
      .getState()
      .refresh()
      .then(() => (firstDone = true))
    await until(() => gates.length === 1, "the first refresh's request")
    const second = store.getState().refresh()
    await until(() => gates.length === 2, "the second refresh's request")
    gates.shift()!()
    await new Promise((resolve) => setTimeout(resolve, 20))
    // Its own answer was stale: it has not stored it, and it is not done.
    expect(firstDone).toBe(false)
    expect(itemAt(store.getState(), 0)?.id).toBe(all[0]!.id)
    gates.shift()!()
    await Promise.all([first, second])
    expect(itemAt(store.getState(), 0)?.id).toBe(all[1]!.id)
    expect(store.getState().total).toBe(all.length - 1)
  })

  it('has the core check failed thumbnails in one batch, and applies what it found', async () => {
    const core = fakeLibrary(all, {
      'library.checkFiles': ({ ids }) => ({
        generations: ids.map((id) => ({ ...all.find((g) => g.id === id)!, version: 5 })),
      }),
    })
    setAtelierForTests(core.api)
    const store = createLibraryStore()
    await store.getState().reload()
    const [first, second] = await Promise.all([
      store.getState().checkFiles(all[0]!.id),
      store.getState().checkFiles(all[1]!.id),
    ])
    expect(core.callsOf('library.checkFiles')).toEqual([{ ids: [all[0]!.id, all[1]!.id] }])
    expect([first?.version, second?.version]).toEqual([5, 5])
    expect(itemAt(store.getState(), 1)?.version).toBe(5)
    expect(store.getState().pendingChecks).toEqual({})
  })

  it('is reset wholly by its initial state: the saved view is read again, nothing old lingers', async () => {
    const core = fakeLibrary(all, { 'library.delete': ({ ids }) => ({ deleted: ids, kept: [] }) })
    setAtelierForTests(core.api)
    const store = createLibraryStore()
    await store.getState().reload()
    await store.getState().select(all[0]!.id, 0, 'only')
    await store.getState().remove([all[0]!.id])
    expect(store.getState().lastDelete?.serial).toBe(1)

    store.setState(initialLibraryState())
    const { total, pages, selection, lastDelete, hydration, viewToken, deleteSerial } = store.getState()
    expect({ total, pages, selection, lastDelete, hydration, viewToken, deleteSerial }).toEqual({
      total: null,
      pages: {},
      selection: new Set(),
      lastDelete: null,
      hydration: null,
      viewToken: 0,
      deleteSerial: 0,
    })
    await store.getState().reload()
    expect(core.callsOf('library.view')).toHaveLength(2)
    expect(store.getState().total).toBe(all.length)
    await store.getState().remove([all[1]!.id])
    expect(store.getState().lastDelete?.serial).toBe(1)
  })

  it('applies row events in place and asks again when the library changes in bulk', async () => {
    const core = fakeLibrary(all, {
      'generation.setFavorite': ({ id, favorite }) => ({ ...all.find((g) => g.id === id)!, favorite, version: 2 }),
    })
    setAtelierForTests(core.api)
    const store = createLibraryStore()
    bindLibraryEvents(core.api, store)
    await store.getState().reload()
    const first = all[0]!
    await store.getState().setFavorite(first.id, true)
    expect(itemAt(store.getState(), 0)?.favorite).toBe(true)
    core.emit('generation.updated', { items: [{ ...first, favorite: false, version: 3 }] })
    expect(itemAt(store.getState(), 0)?.favorite).toBe(false)
    const before = core.callsOf('generation.list').length
    const countsBefore = core.callsOf('generation.count').length
    core.emit('library.changed', { reason: 'imported' })
    await until(() => core.callsOf('generation.list').length > before, 'a refresh')
    // The refresh counts again too: rows may have come or gone.
    await until(() => core.callsOf('generation.count').length > countsBefore, 'a new count')
  })
})
