/**
 * Wiring done once when the page starts: every store's events are bound before
 * any snapshot is asked for, so nothing that happens in between is missed.
 */
import type { AtelierApi } from '../../../shared/api'
import { bindLibraryEvents, libraryStore } from './library/store'
import { bindSettingsEvents, settingsStore } from './settings/store'
import { bindTasksEvents, tasksStore } from './tasks/store'

export function startStores(api: AtelierApi): () => void {
  const unbind = [bindSettingsEvents(api), bindTasksEvents(api), bindLibraryEvents(api)]
  void settingsStore.getState().load()
  void tasksStore.getState().loadSnapshot()
  void libraryStore.getState().reload()
  return () => unbind.forEach((off) => off())
}
