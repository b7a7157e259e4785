import { useState } from 'react'
import { selectWebhookError } from '../stores/studio/selectors'
import { useStudio } from '../stores/studio/store'

export function AdvancedOptions() {
  const callbackUrl = useStudio((s) => s.draft.callbackUrl)
  const setCallbackUrl = useStudio((s) => s.setCallbackUrl)
  const error = useStudio(selectWebhookError)
  // Open at start when a webhook is set; afterwards the user decides.
  const [open, setOpen] = useState(() => callbackUrl.trim() !== '')

  return (
    <details
      className="card advanced"
      open={open}
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        <span>Advanced</span>
        {callbackUrl.trim() !== '' && <span className="advanced-flag">Webhook set</span>}
      </summary>
      <div className="advanced-body">
        <div className="field">
          <label htmlFor="webhook" className="field-label">
            Webhook URL
          </label>
          <input
            id="webhook"
            className="input"
            type="url"
            inputMode="url"
            placeholder="https://your-backend.example/webhooks/atelier"
            value={callbackUrl}
            onChange={(event) => setCallbackUrl(event.target.value)}
            aria-invalid={error !== null}
            aria-describedby={error ? 'webhook-error' : 'webhook-help'}
            spellCheck={false}
          />
          {error ? (
            <p id="webhook-error" className="field-error" role="alert">
              {error}
            </p>
          ) : (
            <p id="webhook-help" className="field-help">
              Optional. runblob POSTs each finished task here (HTTPS only). Atelier does not need it — it watches tasks
              itself — so use it only if you have your own backend.
            </p>
          )}
        </div>
      </div>
    </details>
  )
}
