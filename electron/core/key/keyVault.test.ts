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
const noCipher: SecretCipher = { ...xorCipher, isAvailable: async () => false }

describe('key vault', () => {
  it('stores only versioned ciphertext and shows only the tail', async () => {
    const store = memoryStore()
    const vault = createKeyVault({ store, cipher: xorCipher, logger: createSilentLogger() })
    await vault.load()
    expect(vault.status()).toEqual({ configured: false, tail: null, source: null, encrypted: true })
    const status = await vault.save('rb_live_secret_abcd')
    expect(status).toEqual({ configured: true, tail: 'abcd', source: 'stored', encrypted: true })
    const raw = String(store.data.get('apiKeyCipher'))
    expect(raw.startsWith('v1:')).toBe(true)
    expect(raw).not.toContain('secret')

    const reopened = createKeyVault({ store, cipher: xorCipher, logger: createSilentLogger() })
    await reopened.load()
    expect(reopened.current()).toBe('rb_live_secret_abcd')
  })

  it('never writes a key when there is no real encryption', async () => {
    const store = memoryStore()
    const vault = createKeyVault({ store, cipher: noCipher, logger: createSilentLogger() })
    await vault.load()
    await vault.save('rb_live_secret_abcd')
    expect(vault.current()).toBe('rb_live_secret_abcd')
    expect(vault.status().encrypted).toBe(false)
    expect([...store.data.values()].join()).not.toContain('secret')
  })

  it('sets aside ciphertext it cannot read instead of failing', async () => {
    const store = memoryStore()
    store.set('apiKeyCipher', 'v1:' + Buffer.from('garbage').toString('base64'))
    const broken: SecretCipher = { ...xorCipher, decrypt: async () => Promise.reject(new Error('keyring changed')) }
    const vault = createKeyVault({ store, cipher: broken, logger: createSilentLogger() })
    await vault.load()
    expect(vault.current()).toBeNull()
    expect(store.data.has('apiKeyCipher')).toBe(false)
    expect([...store.data.keys()].some((k) => k.startsWith('apiKeyCipherSetAside-'))).toBe(true)
  })

  it('prefers the environment key and never persists it', async () => {
    const store = memoryStore()
    const vault = createKeyVault({ store, cipher: xorCipher, logger: createSilentLogger(), environmentKey: 'env-key-wxyz' })
    await vault.load()
    expect(vault.current()).toBe('env-key-wxyz')
    expect(vault.status()).toMatchObject({ source: 'environment', tail: 'wxyz' })
    expect(store.data.size).toBe(0)
  })
})
