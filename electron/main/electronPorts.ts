/**
 * The Electron implementations of the core's ports. The only place that touches
 * safeStorage and electron-store.
 */
import { safeStorage } from 'electron'
import Store from 'electron-store'
import type { KeyValueStore, SecretCipher } from '../core/ports'

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

export function createElectronStore(): KeyValueStore {
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false })
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  }
}
