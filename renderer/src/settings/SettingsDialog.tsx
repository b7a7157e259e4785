/**
 * Settings. Choices apply at once; text fields save on blur or Enter. Every
 * change goes through `settings.update`, and the core's refusals show inline.
 */
import { Dialog } from 'radix-ui'
import { useEffect, useState } from 'react'
import { API_ADDRESS_MESSAGE, isAllowedApiAddress } from '../../../shared/apiAddress'
import type { Settings, SpendSummary } from '../../../shared/contract'
import { atelier } from '../api/client'
import { formatPrice, parseSpendLimit } from '../format/money'
import { useSettings } from '../stores/settings/store'
import { useUi } from '../stores/ui/store'
import { DialogFrame } from '../ui/DialogFrame'
import { ErrorNotice } from '../ui/ErrorNotice'
import type { ErrorView } from '../api/errors'
import { InfoIcon, Spinner } from '../ui/icons'
import { CommitField, type Parsed } from './CommitField'
import { KeySection } from './KeySection'
import { RebuildSection } from '../rebuild/RebuildSection'
import { HistorySection, StylesSection } from './PromptSections'
import './settings.css'

export function SettingsDialog() {
  const open = useUi((s) => s.settingsOpen)
  const setOpen = useUi((s) => s.setSettingsOpen)

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <DialogFrame className="settings-dialog" describedBy={undefined} title="Settings">
          <div className="dialog-body">
            <SettingsForm />
          </div>
        </DialogFrame>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

function SettingsForm() {
  const settings = useSettings((s) => s.settings)
  const status = useSettings((s) => s.status)
  const loadError = useSettings((s) => s.loadError)
  const load = useSettings((s) => s.load)
  const update = useSettings((s) => s.update)
  const runningMode = useSettings((s) => s.app?.mode)
  const [error, setError] = useState<ErrorView | null>(null)

  if (!settings) {
    return status === 'error' && loadError ? (
      <div className="settings-loading">
        <ErrorNotice error={loadError} alert={false} />
        <button type="button" className="btn" onClick={() => void load()}>
          Try again
        </button>
      </div>
    ) : (
      <div className="settings-loading muted">
        <Spinner /> Loading…
      </div>
    )
  }

  const choose = async (patch: Partial<Settings>) => {
    const outcome = await update(patch)
    setError(outcome.ok ? null : outcome.error)
  }

  return (
    <div className="settings-form">
      <KeySection />

      <section className="settings-section">
        <h3 id="settings-mode">Mode</h3>
        <Choice
          name="mode"
          label="Mode"
          value={settings.mode ?? ''}
          options={[
            ['demo', 'Demo'],
            ['live', 'Live'],
          ]}
          onChange={(mode) => void choose({ mode: mode as 'demo' | 'live' })}
        />
        <p className="field-help">
          {settings.mode === 'live'
            ? 'Live: prompts go to runblob and each image is charged to your account.'
            : 'Demo: a built-in simulator makes the images. Nothing is sent and nothing is charged.'}
        </p>
        {settings.mode === 'live' && runningMode === 'demo' && (
          <p className="notice warning compact">
            <InfoIcon size={14} />
            <span>
              Live needs your API key. Until one is saved above, Atelier stays in Demo mode and nothing is charged.
            </span>
          </p>
        )}
      </section>

      <section className="settings-section">
        <h3 id="settings-theme">Appearance</h3>
        <Choice
          name="theme"
          label="Theme"
          value={settings.theme}
          options={[
            ['system', 'System'],
            ['light', 'Light'],
            ['dark', 'Dark'],
          ]}
          onChange={(theme) => void choose({ theme: theme as Settings['theme'] })}
        />
      </section>

      <section className="settings-section">
        <h3 id="settings-refs">Reference images</h3>
        <CommitField<number>
          id="reference-max-edge"
          label="Longest side (pixels)"
          help="Reference images are downscaled to this before sending: smaller uploads faster, and the model rarely needs more than 1536."
          value={String(settings.referenceMaxEdge)}
          parse={parseMaxEdge}
          save={(referenceMaxEdge) => update({ referenceMaxEdge })}
          inputProps={{
            type: 'number',
            min: 256,
            max: 4096,
            step: 64,
            inputMode: 'numeric',
            className: 'input narrow',
          }}
        />
      </section>

      <section className="settings-section">
        <h3 id="settings-notify">Notifications</h3>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.notifications}
            onChange={(event) => void choose({ notifications: event.target.checked })}
          />
          <span>Tell me when images are ready (while Atelier is in the background)</span>
        </label>
      </section>

      <section className="settings-section">
        <h3 id="settings-spend">Spending limits</h3>
        <SpendLine />
        <div className="settings-row">
          <CommitField<string | null>
            id="daily-limit"
            label="Daily limit"
            prefix="$"
            value={settings.dailySpendLimit ?? ''}
            parse={parseLimit}
            save={(dailySpendLimit) => update({ dailySpendLimit })}
            inputProps={{ inputMode: 'decimal', placeholder: 'No limit' }}
          />
          <CommitField<string | null>
            id="monthly-limit"
            label="Monthly limit"
            prefix="$"
            value={settings.monthlySpendLimit ?? ''}
            parse={parseLimit}
            save={(monthlySpendLimit) => update({ monthlySpendLimit })}
            inputProps={{ inputMode: 'decimal', placeholder: 'No limit' }}
          />
        </div>
        <p className="field-help">
          Atelier asks before a generation would take your spending past a limit. Leave empty for no limit.
        </p>
      </section>

      <StylesSection />
      <HistorySection />
      <RebuildSection />

      <details className="settings-section settings-advanced">
        <summary>Advanced</summary>
        <CommitField<string>
          id="api-base-url"
          label="API base URL"
          help="Only change this for a proxy or a test server. The default is https://platform.runblob.io. Your key stays with the address it was checked against."
          value={settings.apiBaseUrl}
          parse={parseBaseUrl}
          save={(apiBaseUrl) => update({ apiBaseUrl })}
          inputProps={{ type: 'url', spellCheck: false }}
        />
      </details>

      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
    </div>
  )
}

function Choice({
  name,
  label,
  value,
  options,
  onChange,
}: {
  name: string
  label: string
  value: string
  options: Array<[string, string]>
  onChange: (value: string) => void
}) {
  return (
    <div role="radiogroup" aria-label={label} className="segmented">
      {options.map(([option, text]) => (
        <label key={option}>
          <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
          <span>{text}</span>
        </label>
      ))}
    </div>
  )
}

/** What has been spent, so the limits have context. */
function SpendLine() {
  const [summary, setSummary] = useState<SpendSummary | null>(null)
  useEffect(() => {
    let cancelled = false
    atelier
      .invoke('spend.summary', {})
      .then((s) => !cancelled && setSummary(s))
      .catch(() => {
        // The limits still work without the summary line.
      })
    return () => {
      cancelled = true
    }
  }, [])
  if (!summary) return null
  return (
    <p className="spend-line">
      Spent today <strong>{formatPrice(summary.today)}</strong> · this month{' '}
      <strong>{formatPrice(summary.thisMonth)}</strong>
      {summary.chargedButFailed !== '0' && Number(summary.chargedButFailed) > 0 && (
        <> · charged for failed tasks {formatPrice(summary.chargedButFailed)}</>
      )}
    </p>
  )
}

function parseMaxEdge(text: string): Parsed<number> {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 256 || value > 4096) {
    return { ok: false, message: 'Enter a whole number of pixels from 256 to 4096.' }
  }
  return { ok: true, value }
}

function parseLimit(text: string): Parsed<string | null> {
  return parseSpendLimit(text)
}

function parseBaseUrl(text: string): Parsed<string> {
  const trimmed = text.trim().replace(/\/+$/, '')
  try {
    const url = new URL(trimmed)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol')
  } catch {
    return { ok: false, message: 'Enter a full address such as https://platform.runblob.io.' }
  }
  // The same rule the core applies; said here so the slip gets its sentence at once.
  if (!isAllowedApiAddress(trimmed)) return { ok: false, message: API_ADDRESS_MESSAGE }
  return { ok: true, value: trimmed }
}
