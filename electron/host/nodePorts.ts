/**
 * Ports for running the core in plain Node (browser mode, tools): settings in a
 * JSON file via `conf`, and no key encryption (Node has no OS keychain), which
 * the vault answers by keeping a key in memory only.
 */
import Conf from 'conf'
import path from 'node:path'
import type { StartupNotice } from '../../shared/contract'
import type { KeyValueStore, SecretCipher } from '../core/ports'
import { openSettingsFile } from '../core/settings/openSettingsFile'

/**
 * `<dataDir>/settings.json` through conf. A damaged file is set aside first
 * (conf would refuse to start on it), and the notice comes back for app.info.
 */
export function createFileStore(dataDir: string): { store: KeyValueStore; notices: StartupNotice[] } {
  const notice = openSettingsFile(path.join(dataDir, 'settings.json'))
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', clearInvalidConfig: false })
  return {
    store: {
      get: (key) => conf.get(key),
      set: (key, value) => conf.set(key, value),
      delete: (key) => conf.delete(key),
    },
    notices: notice ? [notice] : [],
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
