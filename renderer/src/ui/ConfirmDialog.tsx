/**
 * A step that cannot be undone, asked once more: a Radix alert dialog (the focus
 * starts on Cancel, Esc cancels), the consequence in words, and the one button
 * that goes ahead.
 */
import { AlertDialog } from 'radix-ui'
import type { ReactNode } from 'react'

export function ConfirmDialog({
  trigger,
  title,
  description,
  confirm,
  onConfirm,
}: {
  /** The button that opens it. */
  trigger: { className: string; disabled?: boolean; children: ReactNode }
  title: ReactNode
  description: ReactNode
  /** The label of the button that goes ahead. */
  confirm: string
  onConfirm(): void
}) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger className={trigger.className} disabled={trigger.disabled}>
        {trigger.children}
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog-content confirm-dialog">
          <div className="dialog-body">
            <AlertDialog.Title className="confirm-title">{title}</AlertDialog.Title>
            <AlertDialog.Description className="muted">{description}</AlertDialog.Description>
            <div className="confirm-actions">
              <AlertDialog.Cancel className="btn">Cancel</AlertDialog.Cancel>
              <AlertDialog.Action className="btn primary danger-fill" onClick={onConfirm}>
                {confirm}
              </AlertDialog.Action>
            </div>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}
