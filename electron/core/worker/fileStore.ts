/**
 * The settings file, opened by the core's own thread: `settings.json` in the
 * given folder via `conf`. Not electron-store: it imports `electron`, which this
 * thread cannot (and the core never does); electron-store is conf with
 * Electron's userData as its folder, so in the app, where the folder is
 * userData, this is the same file the main process wrote with electron-store
 * (`name: 'settings'`) before the core moved into a worker, and existing
 * settings carry over. In browser mode the folder is the library folder. (The
 * main process still uses electron-store, for the window state:
 * electron/main/windowState.ts.) A damaged file is set aside first (conf would
 * refuse to start on it), and the notice comes back for app.info.
 */
import Conf from 'conf'
import path from 'node:path'
import type { StartupNotice } from '../../../shared/contract'
import type { KeyValueStore } from '../ports'
import { openSettingsFile } from '../settings'

export function createFileStore(folder: string): { store: KeyValueStore; notices: StartupNotice[] } {
  const notice = openSettingsFile(path.join(folder, 'settings.json'))
  const conf = new Conf<Record<string, unknown>>({ cwd: folder, configName: 'settings', clearInvalidConfig: false })
  return {
    store: {
      get: (key) => conf.get(key),
      set: (key, value) => conf.set(key, value),
      delete: (key) => conf.delete(key),
    },
    notices: notice ? [notice] : [],
  }
}
