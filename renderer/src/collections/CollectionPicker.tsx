/**
 * The keyboard way to put images in a collection: a dialog listing the boards
 * (↑/↓ or Tab between them, Enter adds) with a field to make a new one and add
 * to it at once. Opened from the selection bar (or Shift+C with a selection),
 * and by the shell's "Add to collection…" menu item.
 */
import { Dialog } from 'radix-ui'
import { useState, type FormEvent, type KeyboardEvent } from 'react'
import { collectionsStore, useCollections } from '../stores/collections/store'

/** Mounted once (App): opened with collectionsStore.openPicker(ids). */
export function CollectionPicker() {
  const ids = useCollections((s) => s.picking)
  const collections = useCollections((s) => s.collections)
  const error = useCollections((s) => s.error)
  const [name, setName] = useState('')
  const [notice, setNotice] = useState('')
  const onClose = (result?: { collection: string; added: number }) => {
    if (result) setNotice(`${result.added} added to ${result.collection}`)
    collectionsStore.getState().closePicker()
  }

  const addTo = async (id: string, label: string) => {
    if (!ids) return
    const added = await collectionsStore.getState().add(id, ids)
    onClose({ collection: label, added })
  }
  const createAndAdd = async (event: FormEvent) => {
    event.preventDefault()
    const created = await collectionsStore.getState().create(name)
    if (created) {
      setName('')
      await addTo(created.id, created.name)
    }
  }
  // Arrow keys move between the boards, as in a list.
  const moveFocus = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')]
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next = buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]
    next?.focus()
    event.preventDefault()
  }
  const count = ids?.length ?? 0

  return (
    <>
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      <Dialog.Root
        open={ids !== null}
        onOpenChange={(open) => {
          if (!open) {
            collectionsStore.getState().clearError()
            onClose()
          }
        }}
      >
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog-content collection-picker">
            <div className="dialog-header">
              <Dialog.Title>Add to collection</Dialog.Title>
            </div>
            <div className="dialog-body">
              <Dialog.Description className="muted">
                {count === 1 ? '1 image' : `${count.toLocaleString()} images`} — choose a collection, or make a new one.
              </Dialog.Description>
              {collections.length > 0 ? (
                <ul className="collection-picker-list" aria-label="Collections" onKeyDown={moveFocus}>
                  {collections.map((collection) => (
                    <li key={collection.id}>
                      <button
                        type="button"
                        className="btn collection-picker-item"
                        onClick={() => void addTo(collection.id, collection.name)}
                      >
                        <span>{collection.name}</span>
                        <span className="muted">{collection.count.toLocaleString()}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No collections yet.</p>
              )}
              <form className="collection-name-form" onSubmit={(event) => void createAndAdd(event)}>
                <label htmlFor="collection-picker-new">New collection</label>
                <input
                  id="collection-picker-new"
                  value={name}
                  maxLength={80}
                  onChange={(event) => setName(event.target.value)}
                />
                <button type="submit" className="btn small">
                  Create and add
                </button>
              </form>
              {error && (
                <p className="collections-error" role="alert">
                  {error}
                </p>
              )}
            </div>
            <div className="dialog-footer">
              <Dialog.Close className="btn">Cancel</Dialog.Close>
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  )
}
