/** Says, visibly, why nothing is moving when the engine is paused — and what to do about it. */
import type { EngineState } from '../../../shared/domain'
import { formatClock } from '../format/time'
import { useSettings } from '../stores/settings/store'
import { useUi } from '../stores/ui/store'
import { retryStartup } from '../stores/startup'
import { AlertIcon, KeyIcon, WifiOffIcon, WrenchIcon } from '../ui/icons'

export function EngineBanner() {
  const engine = useSettings((s) => s.engine)
  const loadError = useSettings((s) => s.loadError)
  const openSettings = useUi((s) => s.setSettingsOpen)

  if (loadError) {
    return (
      <div className="engine-banner error" role="alert" data-reason="core">
        <AlertIcon />
        <div className="engine-banner-text">
          <strong>Atelier&apos;s core did not answer.</strong>
          <span>{loadError.message}</span>
        </div>
        <button type="button" className="btn small" onClick={retryStartup}>
          Try again
        </button>
      </div>
    )
  }
  if (!engine || engine.state !== 'paused') return null
  const content = describePause(engine)

  return (
    <div className={`engine-banner ${content.tone}`} role="status" data-reason={engine.reason ?? 'unknown'}>
      {content.icon}
      <div className="engine-banner-text">
        <strong>{content.title}</strong>
        {content.detail && <span>{content.detail}</span>}
      </div>
      {content.settings && (
        <button type="button" className="btn small" onClick={() => openSettings(true)}>
          Open Settings
        </button>
      )}
    </div>
  )
}

function describePause(engine: EngineState) {
  const retry = engine.retryAt ? formatClock(engine.retryAt) : null
  switch (engine.reason) {
    case 'maintenance':
      return {
        tone: 'warning',
        icon: <WrenchIcon />,
        title: retry ? `runblob is under maintenance — retrying at ${retry}.` : 'runblob is under maintenance.',
        detail: 'Your tasks are safe and will continue by themselves.',
        settings: false,
      }
    case 'unauthorized':
      return {
        tone: 'error',
        icon: <KeyIcon />,
        title: 'runblob refused the API key.',
        detail: 'Check or replace it in Settings; waiting tasks continue once it works.',
        settings: true,
      }
    case 'offline':
      return {
        tone: 'info',
        icon: <WifiOffIcon />,
        title: 'Waiting for the network…',
        detail: retry ? `Trying again at ${retry}. The library works offline.` : 'The library works offline.',
        settings: false,
      }
    case 'no_key':
      return {
        tone: 'info',
        icon: <KeyIcon />,
        title: 'Add your runblob API key to start generating.',
        detail: 'Or switch to Demo mode to try Atelier without one.',
        settings: true,
      }
    default:
      return {
        tone: 'info',
        icon: <WrenchIcon />,
        title: 'Generation is paused.',
        detail: engine.message,
        settings: false,
      }
  }
}
