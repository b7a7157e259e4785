import { apiOrigin } from '../../../../shared/apiAddress'
import type { SettingsStore } from './store'

/**
 * The welcome dialog shows until the first-run question has been answered —
 * unless the environment already answered it (a key or server given to the process).
 */
export const selectNeedsWelcome = (state: SettingsStore): boolean =>
  state.status === 'ready' &&
  state.settings !== null &&
  state.settings.mode === null &&
  state.app?.mode !== 'live' &&
  state.key?.source !== 'environment'

/** The mode actually running (app.info), falling back to the setting while it loads. */
export const selectMode = (state: SettingsStore): 'demo' | 'live' | null =>
  state.app?.mode ?? state.settings?.mode ?? null

export const selectIsPaused = (state: SettingsStore): boolean => state.engine?.state === 'paused'

/** "••••abcd" for a configured key, null otherwise. */
export const selectMaskedKey = (state: SettingsStore): string | null =>
  state.key?.configured ? `••••${state.key.tail ?? ''}` : null

/**
 * When the key belongs to another API origin than the one Live mode talks to
 * (the address was changed), that other origin: the key is not sent to the new
 * address, so Settings asks for a key for it. Null when the key fits (or there is none).
 */
export const selectKeyBelongsElsewhere = (state: SettingsStore): string | null => {
  const keyOrigin = state.key?.configured ? state.key.origin : null
  const address = state.app?.mode === 'live' ? state.app.apiBaseUrl : state.settings?.apiBaseUrl
  if (!keyOrigin || !address) return null
  return apiOrigin(address) === keyOrigin ? null : keyOrigin
}
