/**
 * First run: the one question that must be answered before anything else —
 * a real key (Live) or the simulator (Demo).
 */
import { Dialog } from 'radix-ui'
import { useState, type FormEvent } from 'react'
import type { ErrorView } from '../api/errors'
import { selectNeedsWelcome } from '../stores/settings/selectors'
import { useSettings } from '../stores/settings/store'
import { ErrorNotice } from '../ui/ErrorNotice'
import { KeyIcon, SparkIcon, Spinner } from '../ui/icons'
import { checkKeyText, NO_KEYCHAIN_MESSAGE } from './KeySection'
import './settings.css'

export function WelcomeDialog() {
  const open = useSettings(selectNeedsWelcome)
  const encrypted = useSettings((s) => s.key?.encrypted ?? true)
  const setKey = useSettings((s) => s.setKey)
  const update = useSettings((s) => s.update)
  const [key, setKeyText] = useState('')
  const [busy, setBusy] = useState<'key' | 'demo' | null>(null)
  const [error, setError] = useState<ErrorView | null>(null)

  const submitKey = async (event: FormEvent) => {
    event.preventDefault()
    const problem = checkKeyText(key)
    if (problem) {
      setError(problem)
      document.getElementById('welcome-key')?.focus()
      return
    }
    setBusy('key')
    setError(null)
    const saved = await setKey(key.trim())
    const outcome = saved.ok ? await update({ mode: 'live' }) : saved
    setBusy(null)
    if (!outcome.ok) setError(outcome.error)
  }

  const tryDemo = async () => {
    setBusy('demo')
    setError(null)
    const outcome = await update({ mode: 'demo' })
    setBusy(null)
    if (!outcome.ok) setError(outcome.error)
  }

  return (
    <Dialog.Root open={open}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog-content welcome"
          onEscapeKeyDown={(event) => event.preventDefault()}
          onPointerDownOutside={(event) => event.preventDefault()}
          onInteractOutside={(event) => event.preventDefault()}
        >
          <div className="welcome-head">
            <span className="brand-mark large" aria-hidden="true">
              <SparkIcon size={22} />
            </span>
            <Dialog.Title>Welcome to Atelier</Dialog.Title>
            <Dialog.Description className="muted">
              Write a prompt, add reference photos, and keep every image in a library on this computer. How would you
              like to start?
            </Dialog.Description>
          </div>
          <div className="welcome-options">
            <form className="welcome-option" onSubmit={(event) => void submitKey(event)}>
              <h3>
                <KeyIcon /> Enter your runblob API key
              </h3>
              <p className="muted">Images are made by runblob and charged to your account, usually a few cents each.</p>
              <label htmlFor="welcome-key" className="field-label">
                API key
              </label>
              <input
                id="welcome-key"
                className="input"
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={key}
                onChange={(event) => setKeyText(event.target.value)}
                placeholder="Paste your key"
                aria-invalid={error !== null && busy === null}
              />
              {!encrypted && <p className="field-help">{NO_KEYCHAIN_MESSAGE}</p>}
              <button type="submit" className="btn primary" disabled={busy !== null}>
                {busy === 'key' && <Spinner size={14} />}
                {busy === 'key' ? 'Checking the key…' : 'Use my API key'}
              </button>
            </form>
            <div className="welcome-option">
              <h3>
                <SparkIcon /> Try Demo mode
              </h3>
              <p className="muted">
                A built-in simulator plays the part of runblob. Nothing is sent anywhere and nothing is charged. Switch
                to Live in Settings whenever you like.
              </p>
              <button type="button" className="btn" onClick={() => void tryDemo()} disabled={busy !== null}>
                {busy === 'demo' && <Spinner size={14} />}
                Try Demo mode
              </button>
            </div>
          </div>
          {error && (
            <div className="welcome-error">
              <ErrorNotice error={error} />
            </div>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
