/** In the trash: what it means, and emptying it for good (after a confirmation). */
import { useState } from 'react'
import { useLibrary } from '../stores/library/store'
import { selectCount } from '../stores/library/selectors'
import { ConfirmDialog } from '../ui/ConfirmDialog'
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
      <ConfirmDialog
        trigger={{
          className: 'btn small danger',
          disabled: total === 0,
          children: (
            <>
              <TrashIcon size={14} />
              Empty trash
            </>
          ),
        }}
        title={`Delete ${total.toLocaleString()} image${total === 1 ? '' : 's'} for good?`}
        description="Their files are removed from the library folder. This cannot be undone. What they cost stays in the spending totals."
        confirm="Empty trash"
        onConfirm={() => void emptyTrash().then((done) => setResult(done ? `Deleted ${done.removed} for good.` : null))}
      />
    </div>
  )
}
