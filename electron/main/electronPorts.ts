/**
 * The Electron implementations of the core's ports. The only place that touches
 * safeStorage and electron-store.
 */
import { join } from 'node:path'
import { app, safeStorage } from 'electron'
import Store from 'electron-store'
import type { StartupNotice } from '../../shared/contract'
import type { KeyValueStore, SecretCipher } from '../core/ports'
import { openSettingsFile } from '../core/settings'

/** safeStorage's asynchronous API. Linux's `basic_text` backend is not encryption: report it as unavailable. */
export const safeStorageCipher: SecretCipher = {
  async isAvailable() {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'
  },
  encrypt: async (plain) => safeStorage.encryptStringAsync(plain),
  async decrypt(cipher) {
    const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipher))
    return result
  },
}

/**
 * electron-store over `<userData>/settings.json`. A file that fails to parse is set aside
 * first (openSettingsFile: renamed, never deleted) so the store starts from defaults, and
 * the notice goes to the core (app.info shows it). `clearInvalidConfig: false` stays: the
 * store itself never silently wipes a file.
 */
export function createElectronStore(): { store: KeyValueStore; notices: StartupNotice[] } {
  const cwd = app.getPath('userData')
  const notice = openSettingsFile(join(cwd, 'settings.json'))
  const store = new Store<Record<string, unknown>>({ name: 'settings', cwd, clearInvalidConfig: false })
  return {
    store: {
      get: (key) => store.get(key),
      set: (key, value) => store.set(key, value),
      delete: (key) => store.delete(key),
    },
    notices: notice ? [notice] : [],
  }
}
