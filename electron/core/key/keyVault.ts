/**
 * The API key, kept on the main side only. It is stored as ciphertext from the
 * platform's cipher (Electron safeStorage), tagged with a version prefix so the
 * format can change later. Where the platform offers no real encryption the key
 * is kept in memory for this session only: never written as plaintext. The key
 * never crosses the contract; only its last four characters do.
 */
import type { KeyStatus } from '../../../shared/contract'
import type { KeyValueStore, Logger, SecretCipher } from '../ports'

const STORE_KEY = 'apiKeyCipher'
/** No dots: the settings store reads a dotted key as a nested path, and deleting STORE_KEY would delete it too. */
const setAsideKey = (now: number): string => `apiKeyCipherSetAside-${now}`
const FORMAT_PREFIX = 'v1:'

export interface KeyVault {
  /** Loads the stored key (once, at start). */
  load(): Promise<void>
  /** The key to use for requests, or null. */
  current(): string | null
  status(): KeyStatus
  save(key: string): Promise<KeyStatus>
  clear(): KeyStatus
}

export function createKeyVault(options: {
  store: KeyValueStore
  cipher: SecretCipher
  logger: Logger
  /** ATELIER_API_KEY: wins over the stored key, never written anywhere. */
  environmentKey?: string | undefined
}): KeyVault {
  const { store, cipher, logger } = options
  let stored: string | null = null
  let encrypted = false

  const envKey = options.environmentKey?.trim() || null

  function status(): KeyStatus {
    const key = envKey ?? stored
    return {
      configured: key !== null,
      tail: key ? key.slice(-4) : null,
      source: envKey ? 'environment' : stored ? 'stored' : null,
      encrypted: envKey ? false : encrypted,
    }
  }

  return {
    async load() {
      encrypted = await cipher.isAvailable()
      const raw = store.get(STORE_KEY)
      if (raw === undefined || raw === null) return
      if (typeof raw !== 'string' || !raw.startsWith(FORMAT_PREFIX)) {
        logger.warn({}, 'the stored API key has an unknown format; it was set aside')
        store.set(setAsideKey(Date.now()), raw)
        store.delete(STORE_KEY)
        return
      }
      if (!encrypted) {
        logger.warn({}, 'a stored API key exists but encryption is unavailable now; it cannot be read')
        return
      }
      try {
        const bytes = Buffer.from(raw.slice(FORMAT_PREFIX.length), 'base64')
        const opened = cipher.decryptChecked ? await cipher.decryptChecked(bytes) : { plain: await cipher.decrypt(bytes), shouldReEncrypt: false }
        stored = opened.plain
        // The keychain asks for it after a key rotation or a backend change.
        if (opened.shouldReEncrypt) store.set(STORE_KEY, FORMAT_PREFIX + Buffer.from(await cipher.encrypt(opened.plain)).toString('base64'))
      } catch (error) {
        // A keychain change (new machine, reset keyring) makes old ciphertext unreadable.
        logger.warn({ err: error instanceof Error ? error.message : 'unknown' }, 'the stored API key could not be decrypted; it was set aside')
        store.set(setAsideKey(Date.now()), raw)
        store.delete(STORE_KEY)
      }
    },
    current: () => envKey ?? stored,
    status,
    async save(key) {
      const trimmed = key.trim()
      if (encrypted) {
        const cipherBytes = await cipher.encrypt(trimmed)
        store.set(STORE_KEY, FORMAT_PREFIX + Buffer.from(cipherBytes).toString('base64'))
      } else {
        store.delete(STORE_KEY)
      }
      stored = trimmed
      return status()
    },
    clear() {
      stored = null
      store.delete(STORE_KEY)
      return status()
    },
  }
}
