/** A text setting saved on blur or Enter, validated first, with the core's refusal shown inline. */
import { useState, type InputHTMLAttributes } from 'react'
import type { ActionOutcome } from '../stores/settings/store'
import { CheckIcon } from '../ui/icons'

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

interface Props<T> {
  id: string
  label: string
  help?: string
  /** The saved value, as text. */
  value: string
  parse: (text: string) => Parsed<T>
  save: (value: T) => Promise<ActionOutcome>
  prefix?: string
  inputProps?: InputHTMLAttributes<HTMLInputElement>
}

export function CommitField<T>({ id, label, help, value, parse, save, prefix, inputProps }: Props<T>) {
  const [text, setText] = useState(value)
  const [shown, setShown] = useState(value)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  // The saved value changed elsewhere (another window, the core): show it.
  if (value !== shown) {
    setShown(value)
    setText(value)
  }

  const commit = async () => {
    if (text === value) {
      setError(null)
      return
    }
    const parsed = parse(text)
    if (!parsed.ok) {
      setError(parsed.message)
      return
    }
    const outcome = await save(parsed.value)
    if (outcome.ok) {
      setError(null)
      setSaved(true)
      setTimeout(() => setSaved(false), 1500)
    } else {
      setError(outcome.error.message)
    }
  }

  const describedBy = [error ? `${id}-error` : null, help ? `${id}-help` : null].filter(Boolean).join(' ')

  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
        {saved && (
          <span className="saved-flag">
            <CheckIcon size={12} /> Saved
          </span>
        )}
      </label>
      <div className={prefix ? 'input-with-prefix' : undefined}>
        {prefix && <span className="input-prefix">{prefix}</span>}
        <input
          id={id}
          className="input"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onBlur={() => void commit()}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              void commit()
            }
          }}
          aria-invalid={error !== null}
          aria-describedby={describedBy || undefined}
          {...inputProps}
        />
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      {help && (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      )}
    </div>
  )
}
