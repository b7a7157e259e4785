/**
 * The frame of a closable dialog: overlay, content, and a header with the title
 * and a Close button (Esc closes too, through Radix). Goes inside a
 * `Dialog.Portal`; the body is the caller's.
 */
import { Dialog } from 'radix-ui'
import type { ReactNode } from 'react'
import { CloseIcon } from './icons'

export function DialogFrame({
  className,
  describedBy,
  title,
  children,
}: {
  /** Added to `dialog-content`. */
  className: string
  /** The id of the text that describes the dialog; undefined when the title says it all. */
  describedBy: string | undefined
  title: ReactNode
  children: ReactNode
}) {
  return (
    <>
      <Dialog.Overlay className="dialog-overlay" />
      <Dialog.Content className={`dialog-content ${className}`} aria-describedby={describedBy}>
        <div className="dialog-header">
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Close className="btn ghost icon" aria-label="Close">
            <CloseIcon />
          </Dialog.Close>
        </div>
        {children}
      </Dialog.Content>
    </>
  )
}
