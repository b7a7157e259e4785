/**
 * Demo or live, and the runblob client for the current mode. Live when the user
 * chose it and a key is set (or the environment points at a server); Demo
 * otherwise, against a built-in simulator started on first need. `app.info`
 * reports the result.
 */
import type { AppInfo } from '../../../shared/contract'
import type { Feature } from '../ipc/router'
import type { CorePorts, Logger } from '../ports'
import { createRunblobClient } from '../runblob/client'
import type { RunblobClient } from '../runblob/types'
import type { SettingsService } from '../settings'
import { createSimulator, DEMO_API_KEY } from '../simulator'
import type { Simulator } from '../simulator/types'

/** The demo simulator: quick enough to try the app, slow enough to see every state. */
const DEMO_TIMINGS = { pendingMs: 2500, processingMs: 6000 }
/** Demo mode charges nothing, so its tasks are priced at zero and never count as spending. */
const DEMO_PRICE = '0.0000'

export interface ConnectionDeps {
  ports: Pick<CorePorts, 'appVersion' | 'dataDir' | 'platform' | 'transport' | 'desktop' | 'env' | 'startupNotices'>
  settings: SettingsService
  /** The stored (or environment) API key, or null. */
  apiKey: () => string | null
  logger: Logger
}

export interface Connection extends Feature<'app.info'> {
  mode(): AppInfo['mode']
  /** The client for the current mode; null while live has no key (work waits, visibly). */
  client(): RunblobClient | null
  /** Mode, key or base URL may have changed: build the client again (starting the simulator if Demo needs it). */
  refresh(): Promise<void>
  /** Called after every refresh (the engine looks again). */
  onRefresh(listener: () => void): void
  /** Asks the live server whether this key is accepted, before it is stored. */
  verifyKey(key: string): ReturnType<RunblobClient['verifyKey']>
  info(): AppInfo
  stop(): Promise<void>
}

export function createConnection(deps: ConnectionDeps): Connection {
  const { ports, settings, logger } = deps
  const environmentBaseUrl = ports.env?.apiBaseUrl?.trim() || null
  // Pointing the app at a server from the environment answers the first-run question.
  if (environmentBaseUrl && settings.get().mode === null) settings.update({ mode: 'live' })

  let simulator: Simulator | null = null
  let client: RunblobClient | null = null
  const listeners: Array<() => void> = []

  const liveBaseUrl = (): string => environmentBaseUrl ?? settings.get().apiBaseUrl
  const clientFor = (baseUrl: string, apiKey: () => string | null): RunblobClient =>
    createRunblobClient({ baseUrl, apiKey, logger, appVersion: ports.appVersion })

  function mode(): AppInfo['mode'] {
    if (environmentBaseUrl) return 'live'
    return settings.get().mode === 'live' && deps.apiKey() ? 'live' : 'demo'
  }

  function build(): RunblobClient | null {
    if (mode() === 'demo') return simulator ? clientFor(simulator.url, () => DEMO_API_KEY) : null
    return deps.apiKey() ? clientFor(liveBaseUrl(), deps.apiKey) : null
  }

  function info(): AppInfo {
    const desktop = ports.desktop !== undefined
    return {
      version: ports.appVersion,
      mode: mode(),
      apiBaseUrl: mode() === 'demo' ? 'demo simulator' : liveBaseUrl(),
      dataDir: ports.dataDir,
      platform: ports.platform,
      transport: ports.transport,
      notices: ports.startupNotices ?? [],
      capabilities: {
        copyImage: desktop,
        saveAs: desktop,
        reveal: desktop,
        nativeDrag: desktop,
        chooseFolder: desktop,
      },
    }
  }

  return {
    mode,
    client: () => client,
    async refresh() {
      if (mode() === 'demo' && !simulator) {
        simulator = await createSimulator({ ...DEMO_TIMINGS, price: DEMO_PRICE })
        logger.info({ url: simulator.url }, 'demo simulator started')
      }
      client = build()
      for (const listener of listeners) listener()
    },
    onRefresh: (listener) => void listeners.push(listener),
    verifyKey: (key) => clientFor(liveBaseUrl(), () => key).verifyKey(),
    info,
    handlers: { 'app.info': async () => info() },
    async stop() {
      await simulator?.close()
    },
  }
}
