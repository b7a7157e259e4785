/**
 * Wiring done once when the page starts: every store's events are bound before
 * any snapshot is asked for, so nothing that happens in between is missed.
 */
import type { AtelierApi } from '../../../shared/api'
import { bindShellEvents } from '../commands/shellEvents'
import { bindCollectionsEvents } from './collections/store'
import { bindLibraryEvents, libraryStore } from './library/store'
import { bindSettingsEvents, settingsStore } from './settings/store'
import { bindDraftPersistence } from './studio/persistence'
import { studioStore } from './studio/store'
import { bindStylesEvents, stylesStore } from './styles/store'
import { bindTasksEvents, tasksStore } from './tasks/store'

export function startStores(api: AtelierApi): () => void {
  const draft = bindDraftPersistence(api, studioStore)
  const unbind = [
    bindShellEvents(api),
    bindSettingsEvents(api),
    bindTasksEvents(api),
    bindLibraryEvents(api),
    bindCollectionsEvents(api),
    bindStylesEvents(api),
    () => draft.stop(),
  ]
  void settingsStore.getState().load()
  void tasksStore.getState().loadSnapshot()
  void libraryStore.getState().reload()
  void stylesStore.getState().load()

  // Events can be missed while the window sleeps or a transport reconnects; a snapshot
  // merged by version costs two local queries and makes that harmless.
  const resync = () => {
    if (document.visibilityState !== 'visible') return
    void tasksStore.getState().loadSnapshot()
    void settingsStore.getState().refreshEngine()
  }
  document.addEventListener('visibilitychange', resync)
  window.addEventListener('online', resync)
  const offReconnect = api.onReconnect(resync)
  // The core's thread was restarted: events may have been missed, and lists may be behind.
  const offRestarted = api.on('app.coreRestarted', () => {
    void tasksStore.getState().loadSnapshot()
    void settingsStore.getState().refreshEngine()
    void libraryStore.getState().refresh()
  })
  return () => {
    offReconnect()
    offRestarted()
    unbind.forEach((off) => off())
    document.removeEventListener('visibilitychange', resync)
    window.removeEventListener('online', resync)
  }
}

/** After the core failed to answer at startup: ask everything again. */
export function retryStartup(): void {
  void settingsStore.getState().load()
  void tasksStore.getState().loadSnapshot()
  void libraryStore.getState().reload()
  void stylesStore.getState().load()
}
