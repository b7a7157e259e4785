/**
 * "Save as style": a name for some text (the studio's prompt, or an image's
 * prompt from the viewer). The core checks the name (unique, one line) and
 * says why it refused; the sentence shows under the field.
 */
import { useId, useState } from 'react'
import { STYLE_NAME_MAX_LENGTH, STYLE_PLACEHOLDER, styleMode } from '../../../shared/styles'
import { useStyles } from '../stores/styles/store'

export function SaveStyleForm({ text, onDone }: { text: string; onDone(saved: boolean): void }) {
  const create = useStyles((s) => s.create)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const id = useId()

  const save = async () => {
    setSaving(true)
    const outcome = await create(name, text)
    setSaving(false)
    if (outcome.ok) onDone(true)
    else setError(outcome.error.message)
  }

  return (
    <form
      className="save-style"
      aria-label="Save as style"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation()
          onDone(false)
        }
      }}
    >
      <label htmlFor={`${id}-name`} className="field-label">
        Style name
      </label>
      <div className="save-style-row">
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={STYLE_NAME_MAX_LENGTH + 20}
          autoFocus
          aria-invalid={error !== null}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
          onChange={(event) => {
            setName(event.target.value)
            setError(null)
          }}
        />
        <button type="submit" className="btn small primary" disabled={saving || name.trim() === ''}>
          Save style
        </button>
        <button type="button" className="btn small ghost" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
      <p id={`${id}-help`} className="field-help">
        {styleMode(text) === 'wrap'
          ? `Wraps the prompt: ${STYLE_PLACEHOLDER} is replaced by it.`
          : `Appended to the prompt. Put ${STYLE_PLACEHOLDER} in the text to wrap the prompt instead.`}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
