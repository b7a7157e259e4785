/**
 * Finding 1 — the API key is bound to the origin it was verified against. A
 * script in the page (here: the real core's router, which is all a page can
 * reach) points `apiBaseUrl` at another server and starts a generation: that
 * server never sees an Authorization header. A key set against its own origin
 * keeps working; plain http to a host that is not this computer is refused.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { API_ADDRESS_MESSAGE } from '../../shared/apiAddress'
import { createSimulator } from '../../electron/core/simulator'
import type { Simulator } from '../../electron/core/simulator/types'
import { startTestCore, type TestCore } from './support/world'

const KEY = 'rb_live_origin_bound_key_1234'
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function simulator(): Promise<Simulator> {
  // Both accept the key: a hostile server would accept anything it is sent.
  const sim = await createSimulator({ apiKeys: [KEY], pendingMs: 20, processingMs: 20 })
  cleanups.push(() => sim.close())
  return sim
}

async function core(extra: Parameters<typeof startTestCore>[1] = {}): Promise<TestCore> {
  const world = await startTestCore({}, extra)
  cleanups.push(() => world.close())
  await world.core.start()
  return world
}

const authorizations = (sim: Simulator) =>
  sim.requests.map((request) => request.headers['authorization']).filter(Boolean)

const create = (world: TestCore, prompt: string) =>
  world.core.router.dispatch('generation.create', {
    prompt,
    aspectRatio: '1:1',
    referenceIds: [],
    variations: 1,
    callbackUrl: null,
  })

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('the API key stays with its origin', () => {
  it('a changed apiBaseUrl from the page never receives the key; the key still works at its own origin', async () => {
    const a = await simulator()
    const b = await simulator()
    const world = await core()
    const { router } = world.core

    expect(await router.dispatch('settings.update', { mode: 'live', apiBaseUrl: a.url })).toMatchObject({ ok: true })
    const set = await router.dispatch('key.set', { key: KEY })
    expect(set).toMatchObject({ ok: true, data: { configured: true, origin: new URL(a.url).origin } })

    // The legitimate path: a generation against the key's own origin carries the key.
    expect(await create(world, 'at the right origin')).toMatchObject({ ok: true })
    await until(() => a.tasks().length === 1, 'the task at A')
    expect(authorizations(a)).toContain(`Bearer ${KEY}`)

    // The attack: the page moves the API to B and asks for work.
    expect(await router.dispatch('settings.update', { apiBaseUrl: b.url })).toMatchObject({ ok: true })
    expect(await create(world, 'sent to the attacker?')).toMatchObject({ ok: true })
    await until(async () => {
      const state = (await router.dispatch('engine.state', {})) as { ok: boolean; data?: { reason: string | null } }
      return state.ok && state.data?.reason === 'no_key'
    }, 'the engine to wait for a key')
    const info = await router.dispatch('app.info', {})
    expect(info).toMatchObject({ ok: true, data: { mode: 'live', apiBaseUrl: b.url } })
    expect(await router.dispatch('key.status', {})).toMatchObject({ ok: true, data: { origin: new URL(a.url).origin } })
    expect(b.requests).toEqual([])
    expect(authorizations(b)).toEqual([])

    // Back at A, the waiting task goes out with the key — still only to A.
    expect(await router.dispatch('settings.update', { apiBaseUrl: a.url })).toMatchObject({ ok: true })
    await until(() => a.tasks().length === 2, 'the second task at A')
    expect(b.requests).toEqual([])
  })

  it('a key entered for the new address is bound to it, and the old origin no longer gets one', async () => {
    const a = await simulator()
    const b = await simulator()
    const world = await core()
    const { router } = world.core
    await router.dispatch('settings.update', { mode: 'live', apiBaseUrl: a.url })
    await router.dispatch('key.set', { key: KEY })
    await router.dispatch('settings.update', { apiBaseUrl: b.url })
    // The user enters a key for B: it is verified against B, and stays with B.
    expect(await router.dispatch('key.set', { key: KEY })).toMatchObject({
      ok: true,
      data: { origin: new URL(b.url).origin },
    })
    a.clearRequests()
    await router.dispatch('settings.update', { apiBaseUrl: a.url })
    expect(await create(world, 'A has no key now')).toMatchObject({ ok: true })
    await until(async () => {
      const state = (await router.dispatch('engine.state', {})) as { ok: boolean; data?: { reason: string | null } }
      return state.ok && state.data?.reason === 'no_key'
    }, 'the engine to wait for a key')
    expect(authorizations(a)).toEqual([])
  })

  it('refuses plain http to a host that is not this computer, with a sentence; loopback http and https are fine', async () => {
    const world = await core()
    const { router } = world.core
    for (const apiBaseUrl of [
      'http://evil.example',
      'http://10.0.0.5:8080',
      'http://127.0.0.1.evil.example',
      'ftp://x.example',
    ]) {
      const refused = await router.dispatch('settings.update', { apiBaseUrl })
      expect(refused, apiBaseUrl).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(JSON.stringify(refused), apiBaseUrl).toContain(API_ADDRESS_MESSAGE)
    }
    for (const apiBaseUrl of [
      'http://127.0.0.1:4100',
      'http://localhost:4100',
      'http://[::1]:4100',
      'https://proxy.example',
    ]) {
      expect(await router.dispatch('settings.update', { apiBaseUrl }), apiBaseUrl).toMatchObject({ ok: true })
    }
  })

  it('keeps ATELIER_API_KEY bound to ATELIER_API_BASE_URL', async () => {
    const a = await simulator()
    const b = await simulator()
    const world = await core({ env: { apiBaseUrl: a.url, apiKey: KEY } })
    const { router } = world.core
    expect(await router.dispatch('key.status', {})).toMatchObject({
      ok: true,
      data: { source: 'environment', origin: new URL(a.url).origin },
    })
    expect(await create(world, 'environment server')).toMatchObject({ ok: true })
    await until(() => a.tasks().length === 1, 'the task at A')
    expect(authorizations(a)).toContain(`Bearer ${KEY}`)
    // The environment's server wins over the setting, and the setting gets no key.
    await router.dispatch('settings.update', { apiBaseUrl: b.url })
    expect(await create(world, 'still A')).toMatchObject({ ok: true })
    await until(() => a.tasks().length === 2, 'the second task at A')
    expect(b.requests).toEqual([])
  })

  it('a stored key without an origin (from before origins were recorded) belongs to the default origin only', async () => {
    const { createKeyVault } = await import('../../electron/core/key/keyVault')
    const { createSilentLogger } = await import('../../electron/core/logging/createLogger')
    const store = new Map<string, unknown>()
    const cipher = {
      isAvailable: async () => true,
      encrypt: async (plain: string) => new TextEncoder().encode(plain),
      decrypt: async (bytes: Uint8Array) => new TextDecoder().decode(bytes),
    }
    store.set('apiKeyCipher', 'v1:' + Buffer.from(KEY).toString('base64'))
    const vault = createKeyVault({
      store: { get: (k) => store.get(k), set: (k, v) => void store.set(k, v), delete: (k) => void store.delete(k) },
      cipher,
      logger: createSilentLogger(),
      defaultOrigin: 'https://platform.runblob.io',
    })
    await vault.load()
    expect(vault.keyFor('https://platform.runblob.io')).toBe(KEY)
    expect(vault.keyFor('http://127.0.0.1:4100')).toBeNull()
  })
})
