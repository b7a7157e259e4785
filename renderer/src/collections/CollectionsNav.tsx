/**
 * The sidebar's collections: each opens the library filtered to it, takes
 * images dropped from the grid, and can be renamed or deleted (its images stay).
 * "New collection" asks for a name in place; every control is a real button or
 * field, so the whole list works by keyboard.
 */
import { useState, type DragEvent, type FormEvent } from 'react'
import { useCollections, collectionsStore } from '../stores/collections/store'
import { libraryStore, useLibrary } from '../stores/library/store'
import { useUi } from '../stores/ui/store'
import { carriesGenerations, draggedGenerationIds } from './dropIds'

export function CollectionsNav() {
  const collections = useCollections((s) => s.collections)
  const error = useCollections((s) => s.error)
  const current = useLibrary((s) => s.view.collectionId)
  const view = useUi((s) => s.view)
  const [creating, setCreating] = useState(false)
  const [editing, setEditing] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [over, setOver] = useState<string | null>(null)
  const [notice, setNotice] = useState('')

  const store = collectionsStore.getState()

  const submitNew = async (event: FormEvent) => {
    event.preventDefault()
    if (await store.create(name)) {
      setCreating(false)
      setName('')
    }
  }
  const submitRename = async (event: FormEvent, id: string) => {
    event.preventDefault()
    if (await store.rename(id, name)) setEditing(null)
  }
  const drop = async (event: DragEvent, id: string, label: string) => {
    event.preventDefault()
    setOver(null)
    const ids = draggedGenerationIds(event.dataTransfer, libraryStore.getState().selection)
    const added = await store.add(id, ids)
    setNotice(`${added} added to ${label}`)
  }

  return (
    <section className="collections-nav" aria-labelledby="collections-heading">
      <div className="collections-heading">
        <h2 id="collections-heading">Collections</h2>
        <button
          type="button"
          className="btn small ghost"
          aria-label="New collection"
          onClick={() => {
            setCreating(true)
            setName('')
            store.clearError()
          }}
        >
          +
        </button>
      </div>
      {creating && (
        <form className="collection-name-form" onSubmit={(event) => void submitNew(event)}>
          <input
            aria-label="New collection name"
            autoFocus
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => event.key === 'Escape' && setCreating(false)}
          />
          <button type="submit" className="btn small">
            Create
          </button>
        </form>
      )}
      <ul className="collections-list">
        {collections.map((collection) => (
          <li key={collection.id}>
            {editing === collection.id ? (
              <form className="collection-name-form" onSubmit={(event) => void submitRename(event, collection.id)}>
                <input
                  aria-label={`New name for ${collection.name}`}
                  autoFocus
                  value={name}
                  maxLength={80}
                  onChange={(event) => setName(event.target.value)}
                  onKeyDown={(event) => event.key === 'Escape' && setEditing(null)}
                />
                <button type="submit" className="btn small">
                  Save
                </button>
              </form>
            ) : (
              <div className="collection-row" data-drop-over={over === collection.id || undefined}>
                <button
                  type="button"
                  className="nav-item collection-item"
                  aria-current={view === 'library' && current === collection.id ? 'page' : undefined}
                  onClick={() => void store.open(collection.id)}
                  onDragOver={(event) => {
                    if (!carriesGenerations([...event.dataTransfer.types])) return
                    event.preventDefault()
                    event.dataTransfer.dropEffect = 'copy'
                    setOver(collection.id)
                  }}
                  onDragLeave={() => setOver(null)}
                  onDrop={(event) => void drop(event, collection.id, collection.name)}
                >
                  <span className="nav-label">{collection.name}</span>
                  <span className="collection-count" aria-label={`${collection.count} images`}>
                    {collection.count.toLocaleString()}
                  </span>
                </button>
                <button
                  type="button"
                  className="btn small ghost collection-action"
                  aria-label={`Rename ${collection.name}`}
                  onClick={() => {
                    setEditing(collection.id)
                    setName(collection.name)
                    store.clearError()
                  }}
                >
                  ✎
                </button>
                <button
                  type="button"
                  className="btn small ghost collection-action"
                  aria-label={`Delete ${collection.name} (the images stay)`}
                  onClick={() => void store.remove(collection.id)}
                >
                  ×
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="collections-error" role="alert">
          {error}
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {notice}
      </p>
    </section>
  )
}
