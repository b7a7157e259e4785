/**
 * Settings: validated on every read (the file on disk may be old, hand-edited or
 * corrupt) and on every write. Unknown or invalid values fall back to defaults
 * one field at a time, so one bad field never wipes the rest.
 */
import { Settings } from '../../../shared/contract'
import type { KeyValueStore, Logger } from '../ports'

export const DEFAULT_API_BASE_URL = 'https://platform.runblob.io'

export const DEFAULT_SETTINGS: Settings = {
  mode: null,
  apiBaseUrl: DEFAULT_API_BASE_URL,
  theme: 'system',
  referenceMaxEdge: 2048,
  notifications: true,
  dailySpendLimit: null,
  monthlySpendLimit: null,
}

const SETTINGS_KEY = 'settings'

export interface SettingsService {
  get(): Settings
  update(patch: Partial<Settings>): Settings
  onChange(listener: (settings: Settings) => void): () => void
}

export function createSettingsService(store: KeyValueStore, logger: Logger): SettingsService {
  const listeners = new Set<(settings: Settings) => void>()

  function read(): Settings {
    const raw = store.get(SETTINGS_KEY)
    const stored = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
    const result: Record<string, unknown> = { ...DEFAULT_SETTINGS }
    for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
      if (!(key in stored)) continue
      const field = Settings.shape[key].safeParse(stored[key])
      if (field.success) result[key] = field.data
      else logger.warn({ key }, 'ignoring an invalid stored setting')
    }
    return Settings.parse(result)
  }

  let current = read()

  return {
    get: () => current,
    update(patch) {
      const next = Settings.parse({ ...current, ...patch })
      store.set(SETTINGS_KEY, next)
      current = next
      for (const listener of listeners) listener(next)
      return next
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
