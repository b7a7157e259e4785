/**
 * Settings, the API key's status, what the core runs against (app.info) and the
 * engine's state — everything the chrome around the views needs.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { AtelierApi } from '../../../../shared/api'
import type { AppInfo, KeyStatus, Settings } from '../../../../shared/contract'
import type { EngineState } from '../../../../shared/domain'
import { atelier } from '../../api/client'
import { describeError, type ErrorView } from '../../api/errors'

export interface SettingsState {
  settings: Settings | null
  key: KeyStatus | null
  app: AppInfo | null
  engine: EngineState | null
  status: 'idle' | 'loading' | 'ready' | 'error'
  loadError: ErrorView | null
}

export type ActionOutcome = { ok: true } | { ok: false; error: ErrorView }

export interface SettingsActions {
  load(): Promise<void>
  /** Saves a partial change; the outcome carries the core's message when it refused. */
  update(patch: Partial<Settings>): Promise<ActionOutcome>
  /** The core checks the key against the API (without spending) before storing it. */
  setKey(key: string): Promise<ActionOutcome>
  clearKey(): Promise<ActionOutcome>
  /** app.info changes with the mode; asked again after settings change. */
  refreshAppInfo(): Promise<void>
  /** Re-reads the engine state (after the window was hidden, when events may have been missed). */
  refreshEngine(): Promise<void>
}

export type SettingsStore = SettingsState & SettingsActions

export const initialSettingsState = (): SettingsState => ({
  settings: null,
  key: null,
  app: null,
  engine: null,
  status: 'idle',
  loadError: null,
})

async function attempt(run: () => Promise<void>): Promise<ActionOutcome> {
  try {
    await run()
    return { ok: true }
  } catch (error) {
    return { ok: false, error: describeError(error) }
  }
}

export function createSettingsStore() {
  return createStore<SettingsStore>()((set, get) => ({
    ...initialSettingsState(),

    async load() {
      set({ status: 'loading', loadError: null })
      try {
        const api = atelier
        const [settings, key, app, engine] = await Promise.all([
          api.invoke('settings.get', {}),
          api.invoke('key.status', {}),
          api.invoke('app.info', {}),
          api.invoke('engine.state', {}),
        ])
        set({ settings, key, app, engine, status: 'ready' })
      } catch (error) {
        set({ status: 'error', loadError: describeError(error) })
      }
    },

    async update(patch) {
      // Optimistic, so a radio or checkbox follows the click at once; the core's answer (or refusal) settles it.
      const before = get().settings
      if (before) set({ settings: { ...before, ...patch } })
      const outcome = await attempt(async () => {
        const settings = await atelier.invoke('settings.update', patch)
        set({ settings })
        await get().refreshAppInfo()
      })
      if (!outcome.ok && before) set({ settings: before })
      return outcome
    },

    setKey: (key) =>
      attempt(async () => {
        set({ key: await atelier.invoke('key.set', { key }) })
      }),

    clearKey: () =>
      attempt(async () => {
        set({ key: await atelier.invoke('key.clear', {}) })
      }),

    async refreshEngine() {
      try {
        set({ engine: await atelier.invoke('engine.state', {}) })
      } catch {
        // The next engine.stateChanged event will say it anyway.
      }
    },

    async refreshAppInfo() {
      try {
        set({ app: await atelier.invoke('app.info', {}) })
      } catch {
        // The title bar keeps the last known mode; the next settings change asks again.
      }
    },
  }))
}

export const settingsStore = createSettingsStore()

export function useSettings<T>(selector: (state: SettingsStore) => T): T {
  return useStore(settingsStore, selector)
}

export function bindSettingsEvents(api: AtelierApi, store = settingsStore): () => void {
  const offs = [
    api.on('settings.changed', (settings) => {
      store.setState({ settings })
      void store.getState().refreshAppInfo()
    }),
    api.on('key.changed', (key) => {
      store.setState({ key })
      // Live runs only with a key: adding or removing one can change the mode in effect.
      void store.getState().refreshAppInfo()
    }),
    api.on('engine.stateChanged', (engine) => store.setState({ engine })),
  ]
  return () => offs.forEach((off) => off())
}
