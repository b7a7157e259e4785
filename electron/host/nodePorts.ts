/**
 * Ports for running the core in plain Node (browser mode, tools): no key
 * encryption (Node has no OS keychain), which the vault answers by keeping a
 * key in memory only. Settings are a file the core's worker writes itself
 * (electron/core/worker/fileStore.ts).
 */
import type { SecretCipher } from '../core/ports'

/** Browser mode has no keychain: report "unavailable" so keys are never written in the clear. */
export const unavailableCipher: SecretCipher = {
  isAvailable: async () => false,
  encrypt: async () => {
    throw new Error('No encryption is available in browser mode.')
  },
  decrypt: async () => {
    throw new Error('No encryption is available in browser mode.')
  },
}
