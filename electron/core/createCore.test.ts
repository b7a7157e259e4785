/**
 * The composed core, through its router: every feature is wired to the same
 * injected clock, so under fake time the engine's and the library's timestamps
 * agree; and the handlers reach the features they belong to.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Generation } from '../../shared/domain'
import { makeTempDir, manualClock, recordingLogger, removeTempDirs } from '../../tests/integration/library-fixtures'
import { memoryStore } from '../../tests/support/coreFixtures'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { createCore, type Core, type CoreOptions } from './createCore'
import { embedRecipe } from './recipe'
import { sampleRecipe } from './recipe/testRecipe'

let core: Core | null = null
afterEach(async () => {
  await core?.stop()
  core = null
  await removeTempDirs()
})

async function fakeTimeCore(clock: ReturnType<typeof manualClock>, dataDir?: string, options: CoreOptions = {}) {
  const events: string[] = []
  core = await createCore(
    {
      dataDir: dataDir ?? (await makeTempDir()),
      logger: recordingLogger(),
      cipher: { isAvailable: async () => false, encrypt: async () => new Uint8Array(), decrypt: async () => '' },
      events: { emit: (event) => void events.push(event) },
      notifier: { notify: () => {} },
      clock,
      store: memoryStore(),
      appVersion: '0.0.0-test',
      platform: 'linux',
      transport: 'browser',
    },
    options,
  )
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

  it('opens a damaged library by rebuilding it from the images, says so, and rebuilds on request', async () => {
    const dataDir = await makeTempDir()
    for (const sub of ['images', 'thumbs', 'refs']) fs.mkdirSync(path.join(dataDir, sub), { recursive: true })
    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#246' } })
      .png()
      .toBuffer()
    const recipe = sampleRecipe({ generationId: 'from-file', references: [], parents: [] })
    fs.writeFileSync(path.join(dataDir, 'images/from-file.png'), embedRecipe(png, recipe))
    fs.writeFileSync(path.join(dataDir, 'library.db'), Buffer.alloc(8192, 7))

    const { core } = await fakeTimeCore(manualClock(), dataDir)
    const info = await core.router.dispatch('app.info', {})
    expect(info).toMatchObject({ ok: true, data: { search: 'full', notices: [{ code: 'LIBRARY_REBUILT' }] } })
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('library.damaged-'))).toHaveLength(1)
    expect(await core.router.dispatch('generation.get', { id: 'from-file' })).toMatchObject({
      ok: true,
      data: { prompt: recipe.prompt, taskUuid: recipe.taskUuid, price: recipe.price, status: 'completed' },
    })

    // While a generation is being made, its row lives only in the database: no rebuild.
    const created = await core.router.dispatch('generation.create', {
      prompt: 'queued',
      aspectRatio: '1:1',
      referenceIds: [],
      variations: 1,
      callbackUrl: null,
    })
    expect(created.ok).toBe(true)
    expect(await core.router.dispatch('library.rebuild', {})).toMatchObject({
      ok: false,
      error: { code: 'REBUILD_BUSY' },
    })
  })

  it('rebuilds on request through the router and keeps answering from the fresh database', async () => {
    const dataDir = await makeTempDir()
    const { core } = await fakeTimeCore(manualClock(), dataDir, { fts5: false })
    expect(await core.router.dispatch('app.info', {})).toMatchObject({
      ok: true,
      data: { search: 'basic', notices: [] },
    })
    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#642' } })
      .png()
      .toBuffer()
    fs.writeFileSync(
      path.join(dataDir, 'images/late.png'),
      embedRecipe(png, sampleRecipe({ generationId: 'late', prompt: 'a late fox', references: [], parents: [] })),
    )
    const rebuilt = await core.router.dispatch('library.rebuild', {})
    expect(rebuilt).toMatchObject({ ok: true, data: { recovered: 1, withoutRecipe: [], skipped: [] } })
    expect((rebuilt as { data: { setAside: string[] } }).data.setAside).toHaveLength(1)
    expect(await core.router.dispatch('generation.list', { search: 'fox' })).toMatchObject({
      ok: true,
      data: { items: [{ id: 'late', prompt: 'a late fox' }] },
    })
  })
})
