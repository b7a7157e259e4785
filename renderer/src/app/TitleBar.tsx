import { useSettings } from '../stores/settings/store'
import { selectMode } from '../stores/settings/selectors'
import { useUi } from '../stores/ui/store'

const TITLES = { studio: 'Studio', library: 'Library' } as const

export function TitleBar() {
  const view = useUi((s) => s.view)
  const mode = useSettings(selectMode)
  const chosenLive = useSettings((s) => s.settings?.mode === 'live')

  return (
    <header className="titlebar">
      <h1>{TITLES[view]}</h1>
      <div className="titlebar-status">
        {mode === 'demo' && (
          <span
            className="mode-badge demo"
            title={
              chosenLive
                ? 'Live is chosen, but no API key is saved yet: add one in Settings.'
                : 'Demo mode uses a built-in simulator. Switch to Live in Settings.'
            }
          >
            Demo mode — nothing is sent or charged
          </span>
        )}
        {mode === 'live' && (
          <span className="mode-badge live" title="Requests go to runblob and are charged to your account.">
            <span className="live-dot" aria-hidden="true" />
            Live
          </span>
        )}
      </div>
    </header>
  )
}
