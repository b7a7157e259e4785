import { afterEach, describe, expect, it } from 'vitest'
import { AtelierError } from '../../../../shared/result'
import { setAtelierForTests } from '../../api/client'
import { createFakeCore } from '../../testing/fakeTransport'
import { defaultSettings, demoAppInfo, noKey } from '../../testing/fixtures'
import { selectKeyBelongsElsewhere, selectMaskedKey, selectMode, selectNeedsWelcome } from './selectors'
import { bindSettingsEvents, createSettingsStore } from './store'

afterEach(() => setAtelierForTests(null))

function setup(mode: 'demo' | 'live' | null = null) {
  let settings = { ...defaultSettings, mode }
  let app = { ...demoAppInfo }
  const core = createFakeCore({
    'settings.get': () => settings,
    'settings.update': (patch) => {
      settings = { ...settings, ...patch }
      if (patch.mode) app = { ...app, mode: patch.mode }
      return settings
    },
    'key.status': () => noKey,
    'key.set': ({ key }) => {
      if (key === 'wrong-key-123')
        throw new AtelierError({ code: 'UNAUTHORIZED', message: 'runblob refused this key.' })
      return {
        configured: true,
        tail: key.slice(-4),
        source: 'stored',
        encrypted: false,
        origin: 'https://platform.runblob.io',
      }
    },
    'app.info': () => app,
    'engine.state': () => ({ state: 'running', reason: null, message: null, retryAt: null }),
  })
  setAtelierForTests(core.api)
  const store = createSettingsStore()
  bindSettingsEvents(core.api, store)
  return { core, store }
}

describe('settings store', () => {
  it('asks the first-run question until a mode is chosen', async () => {
    const { store } = setup(null)
    await store.getState().load()
    expect(selectNeedsWelcome(store.getState())).toBe(true)
    expect(await store.getState().update({ mode: 'live' })).toEqual({ ok: true })
    expect(selectNeedsWelcome(store.getState())).toBe(false)
    expect(selectMode(store.getState())).toBe('live')
  })

  it('skips the first-run question when the environment already configured the app', async () => {
    const { store } = setup(null)
    await store.getState().load()
    store.setState({ app: { ...demoAppInfo, mode: 'live' } })
    expect(selectNeedsWelcome(store.getState())).toBe(false)
    store.setState({
      app: demoAppInfo,
      key: {
        configured: true,
        tail: 'abcd',
        source: 'environment',
        encrypted: false,
        origin: 'https://platform.runblob.io',
      },
    })
    expect(selectNeedsWelcome(store.getState())).toBe(false)
  })

  it('applies a change at once and takes it back when the core refuses', async () => {
    const { store } = setup('demo')
    await store.getState().load()
    const refused = store.getState().update({ referenceMaxEdge: 9999 })
    expect(store.getState().settings?.referenceMaxEdge).toBe(9999)
    expect(await refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(store.getState().settings?.referenceMaxEdge).toBe(defaultSettings.referenceMaxEdge)
  })

  it("shows the core's verdict on a key and only its tail", async () => {
    const { store } = setup('live')
    await store.getState().load()
    const refused = await store.getState().setKey('wrong-key-123')
    expect(refused).toMatchObject({ ok: false, error: { message: 'runblob refused this key.' } })
    expect(await store.getState().setKey('rb_live_abcd')).toEqual({ ok: true })
    expect(selectMaskedKey(store.getState())).toBe('••••abcd')
  })

  it('says which origin the key belongs to once the API address points elsewhere', () => {
    const store = createSettingsStore()
    const key = {
      configured: true,
      tail: 'abcd',
      source: 'stored' as const,
      encrypted: true,
      origin: 'https://platform.runblob.io',
    }
    const live = { ...demoAppInfo, mode: 'live' as const }
    store.setState({ settings: defaultSettings, key, app: { ...live, apiBaseUrl: 'https://platform.runblob.io/' } })
    expect(selectKeyBelongsElsewhere(store.getState())).toBeNull()
    store.setState({ app: { ...live, apiBaseUrl: 'https://proxy.example:8443/v1' } })
    expect(selectKeyBelongsElsewhere(store.getState())).toBe('https://platform.runblob.io')
    store.setState({ key: noKey })
    expect(selectKeyBelongsElsewhere(store.getState())).toBeNull()
  })

  it('follows engine, key and settings events', async () => {
    const { core, store } = setup('demo')
    await store.getState().load()
    core.emit('engine.stateChanged', {
      state: 'paused',
      reason: 'maintenance',
      message: null,
      retryAt: '2026-01-01T12:03:00.000Z',
    })
    expect(store.getState().engine?.reason).toBe('maintenance')
    core.emit('settings.changed', { ...defaultSettings, theme: 'dark' })
    expect(store.getState().settings?.theme).toBe('dark')
    core.emit('key.changed', {
      configured: true,
      tail: 'wxyz',
      source: 'environment',
      encrypted: true,
      origin: 'https://platform.runblob.io',
    })
    expect(selectMaskedKey(store.getState())).toBe('••••wxyz')
  })
})
