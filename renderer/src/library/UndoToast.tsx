/** After a delete: "Moved 3 images to the trash — Undo", announced politely, for a few seconds. */
import { Toast } from 'radix-ui'
import { useLibrary } from '../stores/library/store'
import { CloseIcon } from '../ui/icons'
import { UndoIcon } from './libraryIcons'

const SHOW_MS = 8000

export function UndoToast() {
  const last = useLibrary((s) => s.lastDelete)
  const undo = useLibrary((s) => s.undoRemove)
  const dismiss = useLibrary((s) => s.dismissUndo)
  const count = last?.ids.length ?? 0
  const kept = last?.kept ?? 0

  return (
    <Toast.Provider swipeDirection="down" duration={SHOW_MS}>
      {last && (
        <Toast.Root key={last.serial} className="toast" onOpenChange={(open) => (open ? undefined : dismiss())}>
          <Toast.Description className="toast-text">
            {count > 0 ? `Moved ${count} image${count === 1 ? '' : 's'} to the trash.` : 'Nothing was moved to the trash.'}
            {kept > 0 && ` ${kept} still being made ${kept === 1 ? 'was' : 'were'} kept.`}
          </Toast.Description>
          {count > 0 && (
            <Toast.Action altText="Undo the delete" asChild>
              <button type="button" className="btn small" onClick={() => void undo()}>
                <UndoIcon size={14} />
                Undo
              </button>
            </Toast.Action>
          )}
          <Toast.Close className="btn ghost small icon" aria-label="Dismiss">
            <CloseIcon size={14} />
          </Toast.Close>
        </Toast.Root>
      )}
      <Toast.Viewport className="toast-viewport" />
    </Toast.Provider>
  )
}
