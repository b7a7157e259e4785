/** The API key: only its masked tail is ever shown; the core verifies a new key before keeping it. */
import { useState, type FormEvent } from 'react'
import { describeErrorInfo, type ErrorView } from '../api/errors'
import { selectKeyBelongsElsewhere, selectMaskedKey } from '../stores/settings/selectors'
import { useSettings } from '../stores/settings/store'
import { ErrorNotice } from '../ui/ErrorNotice'
import { InfoIcon, KeyIcon, Spinner } from '../ui/icons'

export const NO_KEYCHAIN_MESSAGE =
  'This system offers no keychain encryption; the key is kept in memory for this session only.'

/** A client-side sanity check, so an obvious slip gets a sentence instead of a schema error. */
export function checkKeyText(text: string): ErrorView | null {
  const key = text.trim()
  if (key === '') return describeErrorInfo({ code: 'INVALID_INPUT', message: 'Paste your runblob API key first.' })
  if (key.length < 8) {
    return describeErrorInfo({ code: 'INVALID_INPUT', message: 'That looks too short to be a runblob API key.' })
  }
  return null
}

export function KeySection() {
  const key = useSettings((s) => s.key)
  const masked = useSettings(selectMaskedKey)
  const keyOrigin = useSettings(selectKeyBelongsElsewhere)
  const address = useSettings((s) => (s.app?.mode === 'live' ? s.app.apiBaseUrl : s.settings?.apiBaseUrl) ?? null)
  const setKey = useSettings((s) => s.setKey)
  const clearKey = useSettings((s) => s.clearKey)
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState<'save' | 'clear' | null>(null)
  const [error, setError] = useState<ErrorView | null>(null)

  const fromEnvironment = key?.source === 'environment'
  const showForm = !masked || editing

  const save = async (event: FormEvent) => {
    event.preventDefault()
    const problem = checkKeyText(text)
    if (problem) {
      setError(problem)
      return
    }
    setBusy('save')
    setError(null)
    const outcome = await setKey(text.trim())
    setBusy(null)
    if (outcome.ok) {
      setText('')
      setEditing(false)
    } else {
      setError(outcome.error)
    }
  }

  const remove = async () => {
    setBusy('clear')
    setError(null)
    const outcome = await clearKey()
    setBusy(null)
    if (!outcome.ok) setError(outcome.error)
  }

  return (
    <section className="settings-section">
      <h3 id="settings-key">runblob API key</h3>
      {masked && !editing && (
        <div className="key-row">
          <KeyIcon />
          <span className="key-mask" aria-label={`Key ending in ${key?.tail ?? ''}`}>
            {masked}
          </span>
          {fromEnvironment && <span className="muted key-source">from the ATELIER_API_KEY environment variable</span>}
          <div className="key-actions">
            <button type="button" className="btn small" onClick={() => setEditing(true)}>
              Replace
            </button>
            <button
              type="button"
              className="btn small danger"
              onClick={() => void remove()}
              disabled={busy !== null || fromEnvironment}
              title={fromEnvironment ? 'Set outside Atelier; unset the environment variable to remove it.' : undefined}
            >
              {busy === 'clear' && <Spinner size={14} />}
              Remove
            </button>
          </div>
        </div>
      )}
      {keyOrigin && (
        <p className="notice warning compact" role="status">
          <InfoIcon size={14} />
          <span>
            Your key belongs to {keyOrigin}. It is not sent to {address ?? 'the new address'}: enter a key for that
            address, or change the address back.
          </span>
        </p>
      )}
      {showForm && (
        <form className="key-form" onSubmit={(event) => void save(event)}>
          <label htmlFor="api-key" className="visually-hidden">
            API key
          </label>
          <input
            id="api-key"
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="Paste your runblob API key"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-invalid={error !== null}
          />
          <button type="submit" className="btn primary" disabled={busy !== null}>
            {busy === 'save' && <Spinner size={14} />}
            {busy === 'save' ? 'Checking…' : 'Save key'}
          </button>
          {editing && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setEditing(false)
                setText('')
                setError(null)
              }}
            >
              Cancel
            </button>
          )}
        </form>
      )}
      {error && <ErrorNotice error={error} />}
      <p className="field-help">
        The key is checked with runblob (without spending anything) before it is kept. It never leaves Atelier&apos;s
        core: this window only sees its last four characters.
      </p>
      {key && !key.encrypted && (
        <p className="notice warning compact">
          <InfoIcon size={14} />
          <span>{NO_KEYCHAIN_MESSAGE}</span>
        </p>
      )}
    </section>
  )
}
