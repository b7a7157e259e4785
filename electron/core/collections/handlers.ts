/**
 * The collection.* commands: boards of images over the library's collections.
 * Every change says `library.changed` with reason `collections`, so the sidebar,
 * the filter bar and a board's grid in every window ask again.
 */
import { randomUUID } from 'node:crypto'
import type { Changes } from '../changes'
import type { Library } from '../db'
import type { Feature } from '../ipc/router'

export type CollectionCommand =
  | 'collection.list'
  | 'collection.create'
  | 'collection.rename'
  | 'collection.delete'
  | 'collection.add'
  | 'collection.remove'

export interface CollectionDeps {
  library: Pick<
    Library,
    | 'listCollections'
    | 'createCollection'
    | 'renameCollection'
    | 'deleteCollection'
    | 'addToCollection'
    | 'removeFromCollection'
  >
  changes: Pick<Changes, 'libraryChanged'>
  newId?: () => string
}

export function createCollectionsFeature(deps: CollectionDeps): Feature<CollectionCommand> {
  const { library, changes } = deps
  const newId = deps.newId ?? randomUUID
  const changed = () => changes.libraryChanged('collections')

  return {
    handlers: {
      'collection.list': async () => ({ collections: library.listCollections() }),

      'collection.create': async ({ name }) => {
        const collection = library.createCollection({ id: newId(), name })
        changed()
        return collection
      },

      'collection.rename': async ({ id, name }) => {
        const collection = library.renameCollection(id, name)
        changed()
        return collection
      },

      'collection.delete': async ({ id }) => {
        library.deleteCollection(id)
        changed()
        return {}
      },

      'collection.add': async ({ id, generationIds }) => {
        const added = library.addToCollection(id, generationIds)
        if (added.length > 0) changed()
        return { added: added.length }
      },

      'collection.remove': async ({ id, generationIds }) => {
        const removed = library.removeFromCollection(id, generationIds)
        if (removed.length > 0) changed()
        return { removed: removed.length }
      },
    },
  }
}
