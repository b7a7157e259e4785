/**
 * What a drop on the library did: "Imported 2 images · 1 already in the
 * library", and each refusal's sentence. A polite live region; it stays while
 * there are refusals to read, otherwise goes after a few seconds.
 */
import { useEffect, useState } from 'react'
import { CloseIcon, Spinner } from '../ui/icons'
import type { FileDropResult } from './useLibraryFileDrop'

const SHOW_MS = 8000
const MAX_REFUSALS_SHOWN = 3

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

export function ImportFilesToast({
  result,
  importing,
  onDismiss,
}: {
  result: FileDropResult | null
  importing: boolean
  onDismiss: () => void
}) {
  return (
    <div className="toast-viewport import-toast-viewport" role="status" aria-live="polite">
      {importing ? (
        <div className="toast">
          <Spinner size={14} />
          <span className="toast-text">Importing…</span>
        </div>
      ) : (
        result && <Body key={result.serial} result={result} onDismiss={onDismiss} />
      )}
    </div>
  )
}

function Body({ result, onDismiss }: { result: FileDropResult; onDismiss: () => void }) {
  const [held, setHeld] = useState(false)
  const refused = result.outcomes.filter((o) => o.status === 'refused')
  const imported = result.outcomes.filter((o) => o.status === 'imported').length
  const existing = result.outcomes.filter((o) => o.status === 'existing')
  const sticky = refused.length > 0 || held

  useEffect(() => {
    if (sticky) return
    const timer = setTimeout(onDismiss, SHOW_MS)
    return () => clearTimeout(timer)
  }, [sticky, onDismiss])

  const summary = [
    imported > 0 && `Imported ${plural(imported, 'image')}.`,
    existing.length === 1 && result.outcomes.length === 1
      ? existing[0]!.message
      : existing.length > 0 && `${plural(existing.length, 'image')} already in the library.`,
    refused.length > 1 && `${plural(refused.length, 'file')} not imported:`,
  ].filter(Boolean)

  return (
    <div
      className="toast import-toast"
      data-testid="import-files-result"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <div className="toast-text">
        {summary.length > 0 && <p>{summary.join(' ')}</p>}
        {refused.slice(0, MAX_REFUSALS_SHOWN).map((o, i) => (
          <p key={i}>{o.message}</p>
        ))}
        {refused.length > MAX_REFUSALS_SHOWN && <p>and {refused.length - MAX_REFUSALS_SHOWN} more.</p>}
      </div>
      <button type="button" className="btn ghost small icon" aria-label="Dismiss" onClick={onDismiss}>
        <CloseIcon size={14} />
      </button>
    </div>
  )
}
