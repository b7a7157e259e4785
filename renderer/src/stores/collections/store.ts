/**
 * Collections (boards): the list the sidebar, the filter bar, the picker and
 * the command palette show, and the actions on them. The core owns them; every
 * change there says `library.changed` (reason `collections`), and this store
 * asks again, so every window stays in step.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { Collection } from '../../../../shared/contract'
import type { AtelierApi } from '../../../../shared/api'
import { atelier } from '../../api/client'
import { libraryStore } from '../library/store'
import { uiStore } from '../ui/store'

export interface CollectionsState {
  collections: Collection[]
  loaded: boolean
  /** The last refusal (a name taken, a board gone), as the sentence to show. */
  error: string | null
  /** The images the "Add to collection" picker is open for; null: closed. */
  picking: string[] | null
}

export interface CollectionsActions {
  load(): Promise<void>
  create(name: string): Promise<Collection | null>
  rename(id: string, name: string): Promise<boolean>
  remove(id: string): Promise<void>
  add(id: string, generationIds: string[]): Promise<number>
  take(id: string, generationIds: string[]): Promise<number>
  /** Shows the library filtered to this collection (null: the whole library). */
  open(id: string | null): Promise<void>
  clearError(): void
  openPicker(generationIds: string[]): void
  closePicker(): void
}

export type CollectionsStore = CollectionsState & CollectionsActions

const message = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong.')

export function createCollectionsStore() {
  return createStore<CollectionsStore>()((set, get) => ({
    collections: [],
    loaded: false,
    error: null,
    picking: null,
    async load() {
      try {
        const { collections } = await atelier.invoke('collection.list', {})
        set({ collections, loaded: true })
      } catch (error) {
        set({ error: message(error), loaded: true })
      }
    },
    async create(name) {
      try {
        const collection = await atelier.invoke('collection.create', { name })
        set({ error: null })
        await get().load()
        return collection
      } catch (error) {
        set({ error: message(error) })
        return null
      }
    },
    async rename(id, name) {
      try {
        await atelier.invoke('collection.rename', { id, name })
        set({ error: null })
        await get().load()
        return true
      } catch (error) {
        set({ error: message(error) })
        return false
      }
    },
    async remove(id) {
      try {
        await atelier.invoke('collection.delete', { id })
        if (libraryStore.getState().view.collectionId === id)
          await libraryStore.getState().setView({ collectionId: null })
        await get().load()
      } catch (error) {
        set({ error: message(error) })
      }
    },
    async add(id, generationIds) {
      if (generationIds.length === 0) return 0
      try {
        const { added } = await atelier.invoke('collection.add', { id, generationIds })
        await get().load()
        return added
      } catch (error) {
        set({ error: message(error) })
        return 0
      }
    },
    async take(id, generationIds) {
      if (generationIds.length === 0) return 0
      try {
        const { removed } = await atelier.invoke('collection.remove', { id, generationIds })
        await get().load()
        return removed
      } catch (error) {
        set({ error: message(error) })
        return 0
      }
    },
    async open(id) {
      uiStore.getState().showView('library')
      await libraryStore.getState().setView({ collectionId: id, trash: false })
    },
    clearError: () => set({ error: null }),
    openPicker: (generationIds) => {
      if (generationIds.length > 0) set({ picking: generationIds, error: null })
    },
    closePicker: () => set({ picking: null }),
  }))
}

export const collectionsStore = createCollectionsStore()

export function useCollections<T>(selector: (state: CollectionsStore) => T): T {
  return useStore(collectionsStore, selector)
}

/**
 * For the command palette: one "Open collection …" entry per board, newest
 * list as the core last said. `run` shows the library filtered to it.
 */
export function collectionCommands(
  state: Pick<CollectionsState, 'collections'> = collectionsStore.getState(),
): Array<{ id: string; label: string; detail: string; run: () => Promise<void> }> {
  return state.collections.map((collection) => ({
    id: `collection.open:${collection.id}`,
    label: `Open collection “${collection.name}”`,
    detail: `${collection.count.toLocaleString()} ${collection.count === 1 ? 'image' : 'images'}`,
    run: () => collectionsStore.getState().open(collection.id),
  }))
}

/** Loads once, and again whenever the library says collections (or imports) changed. */
export function bindCollectionsEvents(api: AtelierApi, store = collectionsStore): () => void {
  // Counts change with membership, imports and the trash; row edits (favourites, batches) leave them.
  const off = api.on('library.changed', ({ reason }) => {
    if (reason !== 'favorites' && reason !== 'batch') void store.getState().load()
  })
  void store.getState().load()
  return off
}
