/**
 * The Electron implementations of the core's ports. The only place that touches
 * safeStorage and Notification. (Settings are written by the core's worker
 * thread itself, to the same userData/settings.json electron-store used.)
 */
import { Notification, safeStorage } from 'electron'
import type { Notifier, SecretCipher } from '../core/ports'

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

export const electronNotifier: Notifier = {
  notify(title, body) {
    if (Notification.isSupported()) new Notification({ title, body, silent: false }).show()
  },
}
