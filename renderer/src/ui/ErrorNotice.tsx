/** An error sentence plus the one action that helps (top up, open Settings). */
import type { ErrorView } from '../api/errors'
import { uiStore } from '../stores/ui/store'
import { AlertIcon, CloseIcon } from './icons'

interface Props {
  error: ErrorView
  /** Announce it (for errors caused by what the user just did). */
  alert?: boolean
  onDismiss?: () => void
  className?: string
}

export function ErrorNotice({ error, alert = true, onDismiss, className }: Props) {
  return (
    <div className={`notice error ${className ?? ''}`} role={alert ? 'alert' : undefined} data-code={error.code}>
      <AlertIcon />
      <div className="notice-body">
        <span className="notice-text">{error.message}</span>
        <ErrorActionView error={error} />
      </div>
      {onDismiss && (
        <button type="button" className="btn ghost small icon" onClick={onDismiss} aria-label="Dismiss">
          <CloseIcon size={14} />
        </button>
      )}
    </div>
  )
}

export function ErrorActionView({ error }: { error: ErrorView }) {
  const { action } = error
  if (action.kind === 'top-up') {
    return (
      <a href={action.href} target="_blank" rel="noreferrer noopener">
        {action.label}
      </a>
    )
  }
  if (action.kind === 'open-settings') {
    return (
      <button type="button" className="link-button" onClick={() => uiStore.getState().setSettingsOpen(true)}>
        {action.label}
      </button>
    )
  }
  return null
}
