/**
 * The composed core, through its router: every feature is wired to the same
 * injected clock, so under fake time the engine's and the library's timestamps
 * agree; and the handlers reach the features they belong to.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Generation } from '../../shared/domain'
import { makeTempDir, manualClock, recordingLogger, removeTempDirs } from '../../tests/integration/library-fixtures'
import { memoryStore } from '../../tests/support/coreFixtures'
import { createCore, type Core } from './createCore'

let core: Core | null = null
afterEach(async () => {
  await core?.stop()
  core = null
  await removeTempDirs()
})

async function fakeTimeCore(clock: ReturnType<typeof manualClock>) {
  const events: string[] = []
  core = await createCore({
    dataDir: await makeTempDir(),
    logger: recordingLogger(),
    cipher: { isAvailable: async () => false, encrypt: async () => new Uint8Array(), decrypt: async () => '' },
    events: { emit: (event) => void events.push(event) },
    notifier: { notify: () => {} },
    clock,
    store: memoryStore(),
    appVersion: '0.0.0-test',
    platform: 'linux',
    transport: 'browser',
  })
  return { core, events }
}

describe('createCore', () => {
  it('gives the library the injected clock: under fake time its timestamps agree with the engine', async () => {
    const clock = manualClock(Date.UTC(2031, 0, 2, 3, 4, 5))
    const { core } = await fakeTimeCore(clock)
    const created = await core.router.dispatch('generation.create', {
      prompt: 'a lighthouse at dusk',
      aspectRatio: '1:1',
      referenceIds: [],
      variations: 1,
      callbackUrl: null,
    })
    expect(created.ok).toBe(true)
    const [generation] = (created as { ok: true; data: { generations: Generation[] } }).data.generations
    expect(generation!.createdAt).toBe('2031-01-02T03:04:05.000Z')
    expect(generation!.updatedAt).toBe('2031-01-02T03:04:05.000Z')

    clock.advance(60_000)
    const favorite = await core.router.dispatch('generation.setFavorite', { id: generation!.id, favorite: true })
    expect(favorite).toMatchObject({ ok: true, data: { favorite: true, updatedAt: '2031-01-02T03:05:05.000Z' } })
    // The spend summary's "today" is the fake day too.
    expect(await core.router.dispatch('spend.summary', {})).toMatchObject({ ok: true })
  })

  it('answers each feature’s commands through one router', async () => {
    const { core } = await fakeTimeCore(manualClock())
    expect(await core.router.dispatch('app.info', {})).toMatchObject({
      ok: true,
      data: { mode: 'demo', transport: 'browser' },
    })
    expect(await core.router.dispatch('key.status', {})).toMatchObject({ ok: true, data: { configured: false } })
    expect(await core.router.dispatch('library.view', {})).toMatchObject({ ok: true, data: { view: null } })
    expect(await core.router.dispatch('file.reveal', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_AVAILABLE' },
    })
    expect(await core.router.dispatch('generation.retry', { id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})
