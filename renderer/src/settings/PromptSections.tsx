/**
 * Settings for what the studio remembers: the prompt history (cleared after a
 * confirmation; no image is touched) and the styles (rename, edit, delete).
 */
import { useState } from 'react'
import { STYLE_PLACEHOLDER, type Style } from '../../../shared/styles'
import { atelier } from '../api/client'
import { describeError } from '../api/errors'
import { useStyles } from '../stores/styles/store'
import { ConfirmDialog } from '../ui/ConfirmDialog'

export function HistorySection() {
  const [message, setMessage] = useState<string | null>(null)
  const clear = async () => {
    try {
      const { removed } = await atelier.invoke('history.clear', {})
      setMessage(
        removed === 0 ? 'The history was already empty.' : `Forgot ${removed} prompt${removed === 1 ? '' : 's'}.`,
      )
    } catch (error) {
      setMessage(describeError(error).message)
    }
  }
  return (
    <section className="settings-section" aria-labelledby="settings-history">
      <h3 id="settings-history">Prompt history</h3>
      <p className="field-help">
        Every prompt you send is remembered (↑ in an empty prompt box). Clearing it keeps every image.
      </p>
      <ConfirmDialog
        trigger={{ className: 'btn small settings-inline-button', children: 'Clear prompt history…' }}
        title="Clear the prompt history?"
        description="Atelier forgets every prompt you sent. Your images, their prompts and your styles stay. This cannot be undone."
        confirm="Clear history"
        onConfirm={() => void clear()}
      />
      {message && (
        <p className="field-help" role="status">
          {message}
        </p>
      )}
    </section>
  )
}

export function StylesSection() {
  const styles = useStyles((s) => s.styles)
  return (
    <section className="settings-section" aria-labelledby="settings-styles">
      <h3 id="settings-styles">Styles</h3>
      <p className="field-help">
        Text added to a prompt: appended, or wrapping it where {STYLE_PLACEHOLDER} stands. Save one from the studio or
        from an image.
      </p>
      {styles.length === 0 ? (
        <p className="muted">No styles yet.</p>
      ) : (
        <ul className="settings-styles">
          {styles.map((style) => (
            <StyleRow key={style.id} style={style} />
          ))}
        </ul>
      )}
    </section>
  )
}

function StyleRow({ style }: { style: Style }) {
  const update = useStyles((s) => s.update)
  const remove = useStyles((s) => s.remove)
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(style.name)
  const [text, setText] = useState(style.text)
  const [error, setError] = useState<string | null>(null)
  const errorId = `style-error-${style.id}`

  if (!editing) {
    return (
      <li className="settings-style">
        <span className="settings-style-name">{style.name}</span>
        <span className="settings-style-text muted">{style.text}</span>
        <span className="settings-style-actions">
          <button
            type="button"
            className="btn small ghost"
            aria-label={`Edit style ${style.name}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
          <button
            type="button"
            className="btn small ghost"
            aria-label={`Delete style ${style.name}`}
            onClick={() => void remove(style.id).then((o) => !o.ok && setError(o.error.message))}
          >
            Delete
          </button>
        </span>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </li>
    )
  }
  return (
    <li className="settings-style">
      <form
        className="settings-style-form"
        aria-label={`Edit style ${style.name}`}
        onSubmit={(event) => {
          event.preventDefault()
          void update(style.id, { name, text }).then((outcome) => {
            if (outcome.ok) setEditing(false)
            else setError(outcome.error.message)
          })
        }}
      >
        <label className="field-label" htmlFor={`style-name-${style.id}`}>
          Name
        </label>
        <input
          id={`style-name-${style.id}`}
          className="input"
          value={name}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        <label className="field-label" htmlFor={`style-text-${style.id}`}>
          Text
        </label>
        <textarea
          id={`style-text-${style.id}`}
          className="textarea"
          rows={3}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="confirm-actions">
          <button type="button" className="btn small" onClick={() => setEditing(false)}>
            Cancel
          </button>
          <button type="submit" className="btn small primary">
            Save
          </button>
        </div>
        {error && (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </li>
  )
}
