/**
 * After a delete: "Moved 3 images to the trash — Undo", in a polite live region
 * for a few seconds (longer while the pointer or focus is on it). Its own small
 * region rather than a dismissable layer, so Esc keeps closing the viewer.
 */
import { useEffect, useState } from 'react'
import { useLibrary, type UndoableDelete } from '../stores/library/store'
import { CloseIcon } from '../ui/icons'
import { UndoIcon } from './libraryIcons'

const SHOW_MS = 8000

export function UndoToast() {
  const last = useLibrary((s) => s.lastDelete)
  return (
    <div className="toast-viewport" role="status" aria-live="polite">
      {last && <UndoToastBody key={last.serial} last={last} />}
    </div>
  )
}

function UndoToastBody({ last }: { last: UndoableDelete }) {
  const undo = useLibrary((s) => s.undoRemove)
  const dismiss = useLibrary((s) => s.dismissUndo)
  const [held, setHeld] = useState(false)

  useEffect(() => {
    if (held) return
    const timer = setTimeout(dismiss, SHOW_MS)
    return () => clearTimeout(timer)
  }, [held, dismiss])

  const count = last.ids.length
  return (
    <div
      className="toast"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <span className="toast-text">
        {count > 0 ? `Moved ${count} image${count === 1 ? '' : 's'} to the trash.` : 'Nothing was moved to the trash.'}
        {last.kept > 0 && ` ${last.kept} still being made ${last.kept === 1 ? 'was' : 'were'} kept.`}
      </span>
      {count > 0 && (
        <button type="button" className="btn small" onClick={() => void undo()}>
          <UndoIcon size={14} />
          Undo
        </button>
      )}
      <button type="button" className="btn ghost small icon" aria-label="Dismiss" onClick={dismiss}>
        <CloseIcon size={14} />
      </button>
    </div>
  )
}
