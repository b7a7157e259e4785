/**
 * Ports for running the core in plain Node (browser mode, tools): settings in a
 * JSON file via `conf`, and no key encryption (Node has no OS keychain), which
 * the vault answers by keeping a key in memory only.
 */
import Conf from 'conf'
import type { KeyValueStore, SecretCipher } from '../core/ports'

export function createFileStore(dataDir: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', clearInvalidConfig: false })
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
  }
}

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
