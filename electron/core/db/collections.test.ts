/** Collections over a real library: names, members, the cascade, and the board as a library filter. */
import { afterEach, describe, expect, it } from 'vitest'
import { newGeneration, removeTempDirs, tempLibrary } from '../../../tests/integration/library-fixtures'
import { recordingChanges } from '../../../tests/support/coreFixtures'
import { createCollectionsFeature } from '../collections'
import { commands } from '../../../shared/contract'
import { COLLECTION_DRIVEN_MAX_ITEMS } from './listQuery'

afterEach(removeTempDirs)

async function libraryWith(count: number) {
  const library = await tempLibrary()
  library.insertGenerations(
    Array.from({ length: count }, (_, index) =>
      newGeneration({
        id: `g${String(index).padStart(4, '0')}`,
        createdAt: new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString(),
      }),
    ),
  )
  return library
}

describe('collections', () => {
  it('creates, renames and deletes boards with names unique whatever their case', async () => {
    const library = await libraryWith(3)
    const birds = library.createCollection({ id: 'b', name: 'Birds' })
    expect(birds).toMatchObject({ id: 'b', name: 'Birds', count: 0 })
    expect(() => library.createCollection({ id: 'b2', name: 'bIRDS' })).toThrow(
      expect.objectContaining({ code: 'COLLECTION_EXISTS', message: 'There is already a collection called “bIRDS”.' }),
    )
    library.createCollection({ id: 'a', name: 'animals' })
    expect(library.listCollections().map((c) => c.name)).toEqual(['animals', 'Birds'])
    expect(library.renameCollection('b', 'birds')).toMatchObject({ name: 'birds' })
    expect(() => library.renameCollection('b', 'Animals')).toThrow(
      expect.objectContaining({ code: 'COLLECTION_EXISTS' }),
    )
    expect(() => library.renameCollection('nope', 'x')).toThrow(
      expect.objectContaining({ code: 'COLLECTION_NOT_FOUND' }),
    )
    library.deleteCollection('a')
    expect(() => library.deleteCollection('a')).toThrow(expect.objectContaining({ code: 'COLLECTION_NOT_FOUND' }))
    expect(library.listCollections().map((c) => c.id)).toEqual(['b'])
    library.close()
  })

  it('adds and removes members; an image may be in several; deleting a board keeps the images', async () => {
    const library = await libraryWith(4)
    library.createCollection({ id: 'x', name: 'X' })
    library.createCollection({ id: 'y', name: 'Y' })
    expect(library.addToCollection('x', ['g0000', 'g0001', 'unknown'])).toEqual(['g0000', 'g0001'])
    expect(library.addToCollection('x', ['g0001', 'g0002'])).toEqual(['g0002'])
    expect(library.addToCollection('y', ['g0001'])).toEqual(['g0001'])
    expect(() => library.addToCollection('nope', ['g0001'])).toThrow(
      expect.objectContaining({ code: 'COLLECTION_NOT_FOUND' }),
    )
    expect(library.listCollections().map((c) => [c.id, c.count])).toEqual([
      ['x', 3],
      ['y', 1],
    ])
    expect(library.removeFromCollection('x', ['g0000', 'g0003'])).toEqual(['g0000'])
    // The trash is left out of counts and of the board's grid; restoring brings it back.
    library.updateGeneration('g0002', { status: 'failed' })
    library.softDelete(['g0002'])
    expect(library.listCollections()[0]?.count).toBe(1)
    expect(library.listGenerations({ collectionId: 'x' }).items.map((g) => g.id)).toEqual(['g0001'])
    expect(library.listGenerations({ collectionId: 'x', trash: true }).items.map((g) => g.id)).toEqual(['g0002'])
    library.restore(['g0002'])
    library.deleteCollection('x')
    expect(library.getGenerations(['g0001', 'g0002'])).toHaveLength(2)
    expect(library.listGenerations({ collectionId: 'y' }).items.map((g) => g.id)).toEqual(['g0001'])
    // Purging a row from the trash takes it out of its boards.
    library.updateGeneration('g0001', { status: 'failed' })
    library.softDelete(['g0001'])
    library.purgeTrash()
    expect(library.listCollections()).toMatchObject([{ id: 'y', count: 0 }])
    expect(library.checkIntegrity().ok).toBe(true)
    library.close()
  })

  it('filters the library by a small and a large board alike: pages, totals, other filters, select all', async () => {
    const size = COLLECTION_DRIVEN_MAX_ITEMS * 2 + 20
    const library = await libraryWith(size)
    library.createCollection({ id: 'small', name: 'Small' })
    library.createCollection({ id: 'large', name: 'Large' })
    const all = library.listGenerations({ limit: 500, sort: 'oldest' }).items.map((g) => g.id)
    const small = all.filter((_, index) => index % 100 === 7)
    const large = all.filter((_, index) => index % 2 === 0)
    library.addToCollection('small', small)
    library.addToCollection('large', large)
    for (const [id, members] of [
      ['small', small],
      ['large', large],
    ] as const) {
      for (const sort of ['newest', 'oldest'] as const) {
        const seen: string[] = []
        let cursor: string | null = null
        do {
          const page = library.listGenerations({ collectionId: id, sort, limit: 37, cursor, withTotal: true })
          expect(page.total).toBe(members.length)
          seen.push(...page.items.map((g) => g.id))
          cursor = page.nextCursor
        } while (cursor !== null)
        const expected = [...members].sort()
        expect(seen).toEqual(sort === 'oldest' ? expected : expected.reverse())
      }
      const offsetPage = library.listGenerations({ collectionId: id, offset: 3, limit: 2, sort: 'oldest' })
      expect(offsetPage.items.map((g) => g.id)).toEqual([...members].sort().slice(3, 5))
      expect(library.listIds({ collectionId: id }, 10_000).ids).toHaveLength(members.length)
    }
    library.setFavorites(['g0007', 'g0008'], true)
    expect(library.listGenerations({ collectionId: 'small', favoritesOnly: true, withTotal: true })).toMatchObject({
      items: [{ id: 'g0007' }],
      total: 1,
    })
    expect(library.listGenerations({ collectionId: 'large', favoritesOnly: true }).items.map((g) => g.id)).toEqual([
      'g0008',
    ])
    expect(library.listGenerations({ collectionId: 'large', search: 'zzzz-nothing' }).items).toEqual([])
    expect(library.listGenerations({ collectionId: 'none', withTotal: true })).toMatchObject({ items: [], total: 0 })
    library.close()
  })

  it('answers the collection.* commands with events, and refuses bad names with a sentence', async () => {
    const library = await libraryWith(2)
    const changes = recordingChanges()
    let next = 0
    const handlers = createCollectionsFeature({ library, changes, newId: () => `id-${++next}` }).handlers
    const created = await handlers['collection.create']({ name: 'Keepers' })
    expect(created).toMatchObject({ id: 'id-1', name: 'Keepers', count: 0 })
    expect(await handlers['collection.add']({ id: 'id-1', generationIds: ['g0000', 'g0001'] })).toEqual({ added: 2 })
    expect(await handlers['collection.add']({ id: 'id-1', generationIds: ['g0000'] })).toEqual({ added: 0 })
    expect(await handlers['collection.remove']({ id: 'id-1', generationIds: ['g0000'] })).toEqual({ removed: 1 })
    expect(await handlers['collection.rename']({ id: 'id-1', name: 'Best' })).toMatchObject({ name: 'Best', count: 1 })
    expect(await handlers['collection.list']({})).toMatchObject({ collections: [{ name: 'Best', count: 1 }] })
    await handlers['collection.delete']({ id: 'id-1' })
    expect(changes.changed).toEqual(['collections', 'collections', 'collections', 'collections', 'collections'])
    const input = commands['collection.create'].input
    expect(input.safeParse({ name: '   ' }).error?.issues[0]?.message).toBe('Give the collection a name.')
    expect(input.safeParse({ name: 'x'.repeat(81) }).error?.issues[0]?.message).toBe(
      'Collection names can be at most 80 characters.',
    )
    expect(input.parse({ name: '  Trimmed  ' })).toEqual({ name: 'Trimmed' })
    library.close()
  })
})
