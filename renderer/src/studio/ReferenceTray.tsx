/**
 * Up to four reference images: drop, paste, pick or drag a link in; reorder by
 * dragging or with Alt+Arrow / the arrow buttons; remove. Refusals (limit, or
 * the core's reason) show as an alert.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react'
import { setReferencePicker } from '../commands/appCommands'
import { MAX_REFERENCES } from '../../../shared/domain'
import { selectReferenceRoom } from '../stores/studio/selectors'
import { studioStore, useStudio } from '../stores/studio/store'
import { AlertIcon, CloseIcon, ImagePlusIcon, Spinner } from '../ui/icons'
import { fileRequest } from './referenceSources'
import { ReferenceTile } from './ReferenceTile'

export function ReferenceTray() {
  const references = useStudio((s) => s.draft.references)
  const pending = useStudio((s) => s.pending)
  const messages = useStudio((s) => s.trayMessages)
  const room = useStudio(selectReferenceRoom)
  const moveReference = useStudio((s) => s.moveReference)
  const fileInput = useRef<HTMLInputElement>(null)
  const tiles = useRef(new Map<string, HTMLLIElement>())
  const [dragFrom, setDragFrom] = useState<number | null>(null)

  const move = (from: number, to: number) => {
    const id = references[from]?.id
    moveReference(from, to)
    // Focus follows the moved tile, so repeated Alt+Arrow keeps moving it.
    if (id) requestAnimationFrame(() => tiles.current.get(id)?.focus())
  }

  const pick = () => {
    if (room === 0) studioStore.getState().refuseForLimit()
    else fileInput.current?.click()
  }

  // "Add Reference Image…" (Ctrl/Cmd+O in a browser) opens this tray's picker.
  useEffect(() => {
    setReferencePicker(() => {
      if (selectReferenceRoom(studioStore.getState()) === 0) studioStore.getState().refuseForLimit()
      else fileInput.current?.click()
    })
    return () => setReferencePicker(null)
  }, [])

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? [])
    event.target.value = ''
    if (files.length > 0) void studioStore.getState().addReferences(files.map(fileRequest))
  }

  const count = references.length + pending.length

  return (
    <section className="card tray" aria-labelledby="tray-title" aria-describedby="tray-hint">
      <div className="tray-head">
        <h2 id="tray-title">Reference images</h2>
        <span className="tray-count">
          {count} / {MAX_REFERENCES}
        </span>
      </div>
      <ul className="tray-list">
        {references.map((reference, index) => (
          <ReferenceTile
            key={reference.id}
            reference={reference}
            index={index}
            count={references.length}
            dragFrom={dragFrom}
            onDragFrom={setDragFrom}
            onMove={move}
            tileRef={(node) => {
              if (node) tiles.current.set(reference.id, node)
              else tiles.current.delete(reference.id)
            }}
          />
        ))}
        {pending.map((item) => (
          <li key={item.token} className="ref-tile pending" aria-label={`Preparing ${item.label}`} aria-busy="true">
            <div className="ref-thumb">
              <Spinner size={20} />
            </div>
            <div className="ref-meta">Preparing…</div>
          </li>
        ))}
        <li className="ref-add-slot">
          <button type="button" className="ref-add" onClick={pick}>
            <ImagePlusIcon size={20} />
            <span>Add image…</span>
          </button>
        </li>
      </ul>
      <p id="tray-hint" className="tray-hint">
        Drop images or links here, or paste an image. They are downscaled and stripped of camera and location data
        before sending.
      </p>
      <input
        ref={fileInput}
        type="file"
        accept="image/*"
        multiple
        hidden
        onChange={onFiles}
        data-testid="reference-file-input"
      />
      {messages.length > 0 && (
        <div className="tray-messages">
          {messages.map((message) => (
            <div
              key={message.id}
              className="notice warning tray-message"
              role="alert"
              title={message.label ?? undefined}
            >
              <AlertIcon />
              <div className="notice-body">
                <span className="notice-text">{message.text}</span>
              </div>
              <button
                type="button"
                className="btn ghost small icon"
                aria-label="Dismiss"
                onClick={() => studioStore.getState().dismissTrayMessage(message.id)}
              >
                <CloseIcon size={14} />
              </button>
            </div>
          ))}
        </div>
      )}
    </section>
  )
}
