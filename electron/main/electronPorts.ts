/**
 * The Electron implementations of the core's ports. The only place that touches
 * safeStorage. (Settings are no port of this process: the core's worker thread
 * writes userData/settings.json itself with conf, electron/core/worker/fileStore.ts.
 * electron-store is used here in the main process for the window state only,
 * windowState.ts. docs/shell.md, "What is stored where".)
 */
import { safeStorage } from 'electron'
import type { SecretCipher } from '../core/ports'

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
  /** The keychain says when the ciphertext should be rewritten (a key rotation); the vault then re-encrypts. */
  async decryptChecked(cipher) {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(cipher))
    return { plain: result, shouldReEncrypt }
  },
}
