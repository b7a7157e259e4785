/**
 * Settings and the small UI state kept beside them: the studio's unsent draft
 * and the library's last view. Every settings change goes out as
 * `settings.changed`.
 */
import type { Feature } from '../ipc/router'
import type { EventSink, KeyValueStore, Logger } from '../ports'
import { createSettingsService, type SettingsService } from './settingsService'

export type SettingsCommand =
  'settings.get' | 'settings.update' | 'draft.get' | 'draft.save' | 'library.view' | 'library.saveView'

export interface SettingsDeps {
  store: KeyValueStore
  logger: Logger
  events: EventSink
}

/** Where the studio's unsent draft is kept, beside the settings. */
const DRAFT_KEY = 'studioDraft'
/** The library's last view (search, filters, sort) as the renderer encoded it. */
const VIEW_KEY = 'libraryView'

export function createSettingsFeature(deps: SettingsDeps): Feature<SettingsCommand> & { service: SettingsService } {
  const { store } = deps
  const service = createSettingsService(store, deps.logger)
  service.onChange((next) => deps.events.emit('settings.changed', next))
  return {
    service,
    handlers: {
      'settings.get': async () => service.get(),
      'settings.update': async (patch) => service.update(patch),
      'draft.get': async () => ({ draft: store.get(DRAFT_KEY) ?? null }),
      'draft.save': async ({ draft }) => {
        store.set(DRAFT_KEY, draft)
        return {}
      },
      'library.view': async () => {
        const view = store.get(VIEW_KEY)
        return { view: typeof view === 'string' ? view : null }
      },
      'library.saveView': async ({ view }) => {
        store.set(VIEW_KEY, view)
        return {}
      },
    },
  }
}
