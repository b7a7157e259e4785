/** In the trash: what it means, and emptying it for good (after a confirmation). */
import { AlertDialog } from 'radix-ui'
import { useState } from 'react'
import { useLibrary } from '../stores/library/store'
import { selectCount } from '../stores/library/selectors'
import { TrashIcon } from './libraryIcons'

export function TrashBar() {
  const total = useLibrary(selectCount) ?? 0
  const emptyTrash = useLibrary((s) => s.emptyTrash)
  const [result, setResult] = useState<string | null>(null)

  return (
    <div className="trash-bar">
      <p>
        Images in the trash stay on disk and can be restored until the trash is emptied.
        {result && (
          <span role="status" className="trash-result">
            {' '}
            {result}
          </span>
        )}
      </p>
      <AlertDialog.Root>
        <AlertDialog.Trigger className="btn small danger" disabled={total === 0}>
          <TrashIcon size={14} />
          Empty trash
        </AlertDialog.Trigger>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="dialog-overlay" />
          <AlertDialog.Content className="dialog-content confirm-dialog">
            <div className="dialog-body">
              <AlertDialog.Title className="confirm-title">
                Delete {total.toLocaleString()} image{total === 1 ? '' : 's'} for good?
              </AlertDialog.Title>
              <AlertDialog.Description className="muted">
                Their files are removed from the library folder. This cannot be undone. What they cost stays in the
                spending totals.
              </AlertDialog.Description>
              <div className="confirm-actions">
                <AlertDialog.Cancel className="btn">Cancel</AlertDialog.Cancel>
                <AlertDialog.Action
                  className="btn primary danger-fill"
                  onClick={() =>
                    void emptyTrash().then((done) => setResult(done ? `Deleted ${done.removed} for good.` : null))
                  }
                >
                  Empty trash
                </AlertDialog.Action>
              </div>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </div>
  )
}
