/**
 * Ports for running the core in plain Node (browser mode, tools): settings in a
 * JSON file via `conf` (electron/core/worker/fileStore.ts), and no key encryption (Node has no OS keychain), which
 * the vault answers by keeping a key in memory only.
 */
import type { SecretCipher } from '../core/ports'

/** The settings file: its one home is the core's worker, which opens it (tests and tools use it here too). */
export { createFileStore } from '../core/worker/fileStore'

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
