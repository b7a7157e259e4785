/**
 * The API key, kept on the main side only. It is stored as ciphertext from the
 * platform's cipher (Electron safeStorage), tagged with a version prefix so the
 * format can change later. Where the platform offers no real encryption the key
 * is kept in memory for this session only: never written as plaintext. The key
 * never crosses the contract; only its last four characters do.
 *
 * A key is bound to the API origin it was verified against (`key.set` checks it
 * with that server) and is handed out only for that origin: changing the API
 * address, from the Settings page or from a script in the page, never sends the
 * key to the new server. A key stored before origins were recorded belongs to
 * the default origin; the environment's key belongs to the environment's server.
 */
import type { KeyStatus } from '../../../shared/contract'
import type { KeyValueStore, Logger, SecretCipher } from '../ports'

const STORE_KEY = 'apiKeyCipher'
/** No dots: the settings store reads a dotted key as a nested path, and deleting STORE_KEY would delete it too. */
const setAsideKey = (now: number): string => `apiKeyCipherSetAside-${now}`
const FORMAT_PREFIX = 'v1:'
/** The origin the stored key belongs to, next to its ciphertext (absent: an older key, the default origin). */
const ORIGIN_KEY = 'apiKeyOrigin'

export interface KeyVault {
  /** Loads the stored key (once, at start). */
  load(): Promise<void>
  /** The key to send to this API origin, or null: a key is only ever sent to the origin it belongs to. */
  keyFor(origin: string | null): string | null
  /** Whether any key is set (for any origin). */
  configured(): boolean
  status(): KeyStatus
  /** Keeps a key that `origin`'s server accepted, bound to that origin. */
  save(key: string, origin: string): Promise<KeyStatus>
  clear(): KeyStatus
}

export function createKeyVault(options: {
  store: KeyValueStore
  cipher: SecretCipher
  logger: Logger
  /** The origin of the default API address: where a key stored without an origin belongs. */
  defaultOrigin: string
  /** ATELIER_API_KEY: wins over the stored key, never written anywhere. */
  environmentKey?: string | undefined
  /** The origin of ATELIER_API_BASE_URL (or the default): the only place the environment's key goes. */
  environmentOrigin?: string | undefined
}): KeyVault {
  const { store, cipher, logger } = options
  let stored: { key: string; origin: string } | null = null
  let encrypted = false

  const envKey = options.environmentKey?.trim() || null
  const env = envKey ? { key: envKey, origin: options.environmentOrigin ?? options.defaultOrigin } : null
  const current = () => env ?? stored

  function status(): KeyStatus {
    const entry = current()
    return {
      configured: entry !== null,
      tail: entry ? entry.key.slice(-4) : null,
      source: env ? 'environment' : stored ? 'stored' : null,
      encrypted: env ? false : encrypted,
      origin: entry?.origin ?? null,
    }
  }

  function storedOrigin(): string {
    const raw = store.get(ORIGIN_KEY)
    return typeof raw === 'string' && raw.length > 0 ? raw : options.defaultOrigin
  }

  function setAside(raw: unknown): void {
    store.set(setAsideKey(Date.now()), raw)
    store.delete(STORE_KEY)
    store.delete(ORIGIN_KEY)
  }

  return {
    async load() {
      encrypted = await cipher.isAvailable()
      const raw = store.get(STORE_KEY)
      if (raw === undefined || raw === null) return
      if (typeof raw !== 'string' || !raw.startsWith(FORMAT_PREFIX)) {
        logger.warn({}, 'the stored API key has an unknown format; it was set aside')
        setAside(raw)
        return
      }
      if (!encrypted) {
        logger.warn({}, 'a stored API key exists but encryption is unavailable now; it cannot be read')
        return
      }
      try {
        const bytes = Buffer.from(raw.slice(FORMAT_PREFIX.length), 'base64')
        const opened = cipher.decryptChecked
          ? await cipher.decryptChecked(bytes)
          : { plain: await cipher.decrypt(bytes), shouldReEncrypt: false }
        stored = { key: opened.plain, origin: storedOrigin() }
        // The keychain asks for it after a key rotation or a backend change.
        if (opened.shouldReEncrypt)
          store.set(STORE_KEY, FORMAT_PREFIX + Buffer.from(await cipher.encrypt(opened.plain)).toString('base64'))
      } catch (error) {
        // A keychain change (new machine, reset keyring) makes old ciphertext unreadable.
        logger.warn(
          { err: error instanceof Error ? error.message : 'unknown' },
          'the stored API key could not be decrypted; it was set aside',
        )
        setAside(raw)
      }
    },
    keyFor(origin) {
      const entry = current()
      return entry && origin !== null && entry.origin === origin ? entry.key : null
    },
    configured: () => current() !== null,
    status,
    async save(key, origin) {
      const trimmed = key.trim()
      if (encrypted) {
        const cipherBytes = await cipher.encrypt(trimmed)
        store.set(STORE_KEY, FORMAT_PREFIX + Buffer.from(cipherBytes).toString('base64'))
        store.set(ORIGIN_KEY, origin)
      } else {
        store.delete(STORE_KEY)
        store.delete(ORIGIN_KEY)
      }
      stored = { key: trimmed, origin }
      return status()
    },
    clear() {
      stored = null
      store.delete(STORE_KEY)
      store.delete(ORIGIN_KEY)
      return status()
    },
  }
}
