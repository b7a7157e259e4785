import { describe, expect, it } from 'vitest'
import { createKeyVault } from './keyVault'
import { createSilentLogger } from '../logging/createLogger'
import type { KeyValueStore, SecretCipher } from '../ports'

function memoryStore(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>()
  return { data, get: (k) => data.get(k), set: (k, v) => void data.set(k, v), delete: (k) => void data.delete(k) }
}

/** A reversible stand-in for the OS keychain (XOR is enough to prove no plaintext is written). */
const xorCipher: SecretCipher = {
  isAvailable: async () => true,
  encrypt: async (plain) => new TextEncoder().encode(plain).map((b) => b ^ 0x5a),
  decrypt: async (bytes) => new TextDecoder().decode(Uint8Array.from(bytes, (b) => b ^ 0x5a)),
}
const ORIGIN = 'https://platform.runblob.io'
const noCipher: SecretCipher = { ...xorCipher, isAvailable: async () => false }

describe('key vault', () => {
  it('stores only versioned ciphertext and shows only the tail', async () => {
    const store = memoryStore()
    const vault = createKeyVault({ store, cipher: xorCipher, logger: createSilentLogger(), defaultOrigin: ORIGIN })
    await vault.load()
    expect(vault.status()).toEqual({ configured: false, tail: null, source: null, encrypted: true, origin: null })
    const status = await vault.save('rb_live_secret_abcd', ORIGIN)
    expect(status).toEqual({ configured: true, tail: 'abcd', source: 'stored', encrypted: true, origin: ORIGIN })
    const raw = String(store.data.get('apiKeyCipher'))
    expect(raw.startsWith('v1:')).toBe(true)
    expect(raw).not.toContain('secret')

    const reopened = createKeyVault({ store, cipher: xorCipher, logger: createSilentLogger(), defaultOrigin: ORIGIN })
    await reopened.load()
    expect(reopened.keyFor(ORIGIN)).toBe('rb_live_secret_abcd')
  })

  it('never writes a key when there is no real encryption', async () => {
    const store = memoryStore()
    const vault = createKeyVault({ store, cipher: noCipher, logger: createSilentLogger(), defaultOrigin: ORIGIN })
    await vault.load()
    await vault.save('rb_live_secret_abcd', ORIGIN)
    expect(vault.keyFor(ORIGIN)).toBe('rb_live_secret_abcd')
    expect(vault.status().encrypted).toBe(false)
    expect([...store.data.values()].join()).not.toContain('secret')
  })

  it('sets aside ciphertext it cannot read instead of failing', async () => {
    const store = memoryStore()
    store.set('apiKeyCipher', 'v1:' + Buffer.from('garbage').toString('base64'))
    const broken: SecretCipher = { ...xorCipher, decrypt: async () => Promise.reject(new Error('keyring changed')) }
    const vault = createKeyVault({ store, cipher: broken, logger: createSilentLogger(), defaultOrigin: ORIGIN })
    await vault.load()
    expect(vault.keyFor(ORIGIN)).toBeNull()
    expect(store.data.has('apiKeyCipher')).toBe(false)
    expect([...store.data.keys()].some((k) => k.startsWith('apiKeyCipherSetAside-'))).toBe(true)
  })

  it('prefers the environment key and never persists it', async () => {
    const store = memoryStore()
    const vault = createKeyVault({
      store,
      cipher: xorCipher,
      logger: createSilentLogger(),
      defaultOrigin: ORIGIN,
      environmentKey: 'env-key-wxyz',
    })
    await vault.load()
    expect(vault.keyFor(ORIGIN)).toBe('env-key-wxyz')
    expect(vault.status()).toMatchObject({ source: 'environment', tail: 'wxyz' })
    expect(store.data.size).toBe(0)
  })

  it('hands a key out only for the origin it was saved for, across a restart', async () => {
    const store = memoryStore()
    const vault = createKeyVault({ store, cipher: xorCipher, logger: createSilentLogger(), defaultOrigin: ORIGIN })
    await vault.load()
    await vault.save('rb_live_secret_abcd', 'http://127.0.0.1:4100')
    expect(vault.keyFor('http://127.0.0.1:4100')).toBe('rb_live_secret_abcd')
    expect(vault.keyFor(ORIGIN)).toBeNull()
    expect(vault.keyFor('http://127.0.0.1:4101')).toBeNull()
    expect(vault.keyFor(null)).toBeNull()
    const reopened = createKeyVault({ store, cipher: xorCipher, logger: createSilentLogger(), defaultOrigin: ORIGIN })
    await reopened.load()
    expect(reopened.status().origin).toBe('http://127.0.0.1:4100')
    expect(reopened.keyFor('http://127.0.0.1:4100')).toBe('rb_live_secret_abcd')
    expect(reopened.clear().origin).toBeNull()
    expect(store.data.has('apiKeyOrigin')).toBe(false)
  })

  it('reads a key stored before origins were recorded as belonging to the default origin', async () => {
    const store = memoryStore()
    store.set('apiKeyCipher', 'v1:' + Buffer.from(await xorCipher.encrypt('rb_old_key_1234')).toString('base64'))
    const vault = createKeyVault({ store, cipher: xorCipher, logger: createSilentLogger(), defaultOrigin: ORIGIN })
    await vault.load()
    expect(vault.status().origin).toBe(ORIGIN)
    expect(vault.keyFor(ORIGIN)).toBe('rb_old_key_1234')
    expect(vault.keyFor('https://elsewhere.example')).toBeNull()
  })

  it('binds the environment key to the environment origin', async () => {
    const vault = createKeyVault({
      store: memoryStore(),
      cipher: xorCipher,
      logger: createSilentLogger(),
      defaultOrigin: ORIGIN,
      environmentKey: 'env-key-wxyz',
      environmentOrigin: 'http://localhost:9000',
    })
    await vault.load()
    expect(vault.keyFor('http://localhost:9000')).toBe('env-key-wxyz')
    expect(vault.keyFor(ORIGIN)).toBeNull()
  })
})
