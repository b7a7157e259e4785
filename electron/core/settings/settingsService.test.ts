import { describe, expect, it } from 'vitest'
import { createSettingsService, DEFAULT_SETTINGS } from './settingsService'
import { createSilentLogger } from '../logging/createLogger'

function memoryStore(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(initial))
  return {
    get: (k: string) => data.get(k),
    set: (k: string, v: unknown) => void data.set(k, v),
    delete: (k: string) => void data.delete(k),
  }
}

describe('settings', () => {
  it('starts from defaults and persists updates', () => {
    const store = memoryStore()
    const settings = createSettingsService(store, createSilentLogger())
    expect(settings.get()).toEqual(DEFAULT_SETTINGS)
    settings.update({ theme: 'dark', dailySpendLimit: '2.50' })
    expect(createSettingsService(store, createSilentLogger()).get()).toMatchObject({
      theme: 'dark',
      dailySpendLimit: '2.50',
    })
  })
  it('keeps good fields and drops bad ones from a damaged file', () => {
    const store = memoryStore({
      settings: { theme: 'purple', referenceMaxEdge: 1024, apiBaseUrl: 'ftp://nope', extra: 1 },
    })
    expect(createSettingsService(store, createSilentLogger()).get()).toEqual({
      ...DEFAULT_SETTINGS,
      referenceMaxEdge: 1024,
    })
  })
  it('refuses invalid updates without changing anything', () => {
    const settings = createSettingsService(memoryStore(), createSilentLogger())
    expect(() => settings.update({ referenceMaxEdge: 10 })).toThrow()
    expect(settings.get()).toEqual(DEFAULT_SETTINGS)
  })
})
