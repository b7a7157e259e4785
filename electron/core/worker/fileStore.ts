/**
 * The settings file, written by the core's own thread: `settings.json` in the
 * given folder via `conf`. In the app that folder is Electron's userData, so
 * this is the very file electron-store kept before the core moved into a
 * worker (electron-store is conf with that folder); in browser mode it is the
 * library folder.
 */
import Conf from 'conf'
import type { KeyValueStore } from '../ports'

export function createFileStore(folder: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: folder, configName: 'settings', clearInvalidConfig: false })
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
  }
}
