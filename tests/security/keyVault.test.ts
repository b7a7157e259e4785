/**
 * Finding 9 — the key vault against the real settings file (conf, as the core's
 * worker opens it in the app and in browser mode): a stored key that cannot be read is set
 * aside, not lost to a dotted key name read as a nested path; and when the
 * keychain says the ciphertext should be re-encrypted, it is.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createSilentLogger } from '../../electron/core/logging/createLogger'
import type { SecretCipher } from '../../electron/core/ports'
import { createKeyVault } from '../../electron/core/key/keyVault'
import { createFileStore } from '../../electron/host/nodePorts'

const ORIGIN = 'https://platform.runblob.io'
let dataDir = ''
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** A reversible stand-in for the OS keychain whose "key version" can be rotated. */
function rotatingCipher() {
  let version = 1
  const cipher: SecretCipher & { rotate(): void } = {
    rotate: () => void version++,
    isAvailable: async () => true,
    encrypt: async (plain) => new TextEncoder().encode(`k${version}|${plain}`).map((b) => b ^ 0x5a),
    decrypt: async (bytes) => (await cipher.decryptChecked!(bytes)).plain,
    decryptChecked: async (bytes) => {
      const text = new TextDecoder().decode(Uint8Array.from(bytes, (b) => b ^ 0x5a))
      const match = /^k(\d+)\|(.*)$/s.exec(text)
      if (!match) throw new Error('cannot decrypt')
      return { plain: match[2]!, shouldReEncrypt: Number(match[1]) !== version }
    },
  }
  return cipher
}

const settingsFile = async () =>
  JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>

/** The real settings store in a fresh folder (removed after the test). */
async function freshStore() {
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-vault-'))
  return createFileStore(dataDir).store
}

const openVault = (store: Awaited<ReturnType<typeof freshStore>>, cipher: SecretCipher) =>
  createKeyVault({ store, cipher, logger: createSilentLogger(), defaultOrigin: ORIGIN })

/** A key saved through the vault on a fresh store; `before` is its ciphertext as the file holds it. */
async function savedKey() {
  const store = await freshStore()
  const cipher = rotatingCipher()
  const first = openVault(store, cipher)
  await first.load()
  await first.save('rb_live_secret_wxyz', ORIGIN)
  const before = (await settingsFile()).apiKeyCipher
  expect(String(before)).toMatch(/^v1:/)
  return { store, cipher, before }
}

describe('key vault on the real settings store', () => {
  it('sets an unreadable stored key aside under its own top-level name, where it survives', async () => {
    const store = await freshStore()
    store.set('apiKeyCipher', 'v1:bm90IG91ciBjaXBoZXJ0ZXh0')
    const vault = openVault(store, rotatingCipher())
    await vault.load()

    expect(vault.keyFor(ORIGIN)).toBeNull()
    const settings = await settingsFile()
    expect(settings.apiKeyCipher).toBeUndefined()
    const setAside = Object.entries(settings).filter(([name]) => name.startsWith('apiKeyCipherSetAside-'))
    expect(setAside).toEqual([[expect.stringMatching(/^apiKeyCipherSetAside-\d+$/), 'v1:bm90IG91ciBjaXBoZXJ0ZXh0']])
  })

  it('re-encrypts the stored key when the keychain asks for it, and the key keeps working', async () => {
    const { store, cipher, before } = await savedKey()

    cipher.rotate()
    const reopened = openVault(store, cipher)
    await reopened.load()
    expect(reopened.keyFor(ORIGIN)).toBe('rb_live_secret_wxyz')
    const after = (await settingsFile()).apiKeyCipher
    expect(after).not.toEqual(before)
    expect(String(after)).not.toContain('secret')
    expect((await cipher.decryptChecked!(Buffer.from(String(after).slice(3), 'base64'))).shouldReEncrypt).toBe(false)
  })

  it('leaves the ciphertext alone when no re-encryption is asked for', async () => {
    const { store, cipher, before } = await savedKey()
    await openVault(store, cipher).load()
    expect((await settingsFile()).apiKeyCipher).toEqual(before)
  })
})
