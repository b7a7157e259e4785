/**
 * The settings file, opened by the core's own thread: `settings.json` in the
 * given folder via `conf`. In the app that folder is Electron's userData, so
 * this is the very file electron-store kept before the core moved into a
 * worker (electron-store is conf with that folder); in browser mode it is the
 * library folder. A damaged file is set aside first (conf would refuse to
 * start on it), and the notice comes back for app.info.
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
