/**
 * Finding 5 — export and import take no path from the page. Against the real
 * core: a script that sends a path (the old `destination`/`source`), a made-up
 * grant, a grant used twice, a grant for the other purpose or an expired one
 * is refused with "Choose the folder again."; a transfers/ name cannot climb
 * out. The legitimate paths still work: the folder the picker returned (via its
 * grant), once; a transfers/ name in browser mode. And an export never
 * overwrites a file that is already in the folder.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DesktopPort } from '../../electron/core/ports'
import { FOLDER_GRANT_TTL_MS } from '../../electron/core/security/folderGrants'
import { finishedGeneration, liveCore, startSimulator } from './support/generation'
import { startTestCore, type TestCore } from './support/world'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The native picker (an Electron dialog) stands in as "the user picked this folder". */
async function coreWithPicker() {
  const picked = await mkdtemp(join(tmpdir(), 'atelier-picked-'))
  cleanups.push(() => rm(picked, { recursive: true, force: true }))
  let now = Date.now()
  const desktop: DesktopPort = {
    copyImage: async () => {},
    saveAs: async () => null,
    reveal: () => {},
    startDrag: () => {},
    chooseFolder: async () => picked,
  }
  const world: TestCore = await startTestCore({}, { desktop, clock: { now: () => now } })
  cleanups.push(() => world.close())
  await world.core.start()
  return { world, picked, later: (ms: number) => void (now += ms) }
}

const NOT_CHOSEN = { ok: false, error: { code: 'FOLDER_NOT_CHOSEN', message: 'Choose the folder again.' } }

describe('export and import folders come only from the user', () => {
  it('refuses paths, made-up, reused, other-purpose and expired grants; a picked folder works once', async () => {
    const { world, picked, later } = await coreWithPicker()
    const { router } = world.core

    // The old shape, a path from the page, is not a command input any more.
    for (const input of [
      { ids: null, destination: picked },
      { ids: null, folder: picked },
    ]) {
      expect(await router.dispatch('library.export', input)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    expect(await router.dispatch('library.import', { source: picked })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    const madeUp = { kind: 'grant', grant: 'A'.repeat(43) }
    expect(await router.dispatch('library.export', { ids: null, folder: madeUp })).toMatchObject(NOT_CHOSEN)

    const chosen = await router.dispatch('file.chooseFolder', { purpose: 'export' })
    expect(chosen).toMatchObject({ ok: true, data: { path: picked, grant: expect.any(String) } })
    const grant = (chosen as { data: { grant: string } }).data.grant
    // Not for the other purpose (and that attempt spends it).
    expect(await router.dispatch('library.import', { folder: { kind: 'grant', grant } })).toMatchObject(NOT_CHOSEN)
    expect(await router.dispatch('library.export', { ids: null, folder: { kind: 'grant', grant } })).toMatchObject(
      NOT_CHOSEN,
    )

    const again = (await router.dispatch('file.chooseFolder', { purpose: 'export' })) as { data: { grant: string } }
    const once = { ids: null, folder: { kind: 'grant', grant: again.data.grant } }
    expect(await router.dispatch('library.export', once)).toMatchObject({ ok: true, data: { folder: picked } })
    expect(await readdir(picked)).toContain('refs')
    expect(await router.dispatch('library.export', once)).toMatchObject(NOT_CHOSEN)

    const stale = (await router.dispatch('file.chooseFolder', { purpose: 'import' })) as { data: { grant: string } }
    later(FOLDER_GRANT_TTL_MS + 1)
    expect(
      await router.dispatch('library.import', { folder: { kind: 'grant', grant: stale.data.grant } }),
    ).toMatchObject(NOT_CHOSEN)
  })

  it('keeps a transfers/ name inside the library’s transfers folder', async () => {
    const world = await startTestCore()
    cleanups.push(() => world.close())
    await world.core.start()
    const { router } = world.core
    for (const name of ['../escape', '/tmp/elsewhere', '..', '.hidden', 'a/b', 'C:\\Windows']) {
      const refused = await router.dispatch('library.export', { ids: null, folder: { kind: 'transfers', name } })
      expect(refused, name).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
      expect(JSON.stringify(refused), name).toContain('Use a plain folder name')
    }
    expect(
      await router.dispatch('library.export', { ids: null, folder: { kind: 'transfers', name: 'my export' } }),
    ).toMatchObject({
      ok: true,
      data: { folder: join(world.dataDir, 'transfers', 'my export') },
    })
    expect(await router.dispatch('library.import', { folder: { kind: 'transfers', name: 'not there' } })).toMatchObject(
      {
        ok: false,
        error: { code: 'INVALID_FOLDER' },
      },
    )
  })

  it('never overwrites a file already in the export folder, and says so', async () => {
    const world = await liveCore((await startSimulator(cleanups)).url, cleanups)
    const { router } = world.core
    const id = await finishedGeneration(world)
    const folder = join(world.dataDir, 'transfers', 'again')
    const first = await router.dispatch('library.export', { ids: null, folder: { kind: 'transfers', name: 'again' } })
    expect(first).toMatchObject({ ok: true, data: { generations: 1, images: 1, problems: [] } })
    await writeFile(join(folder, `${id}.json`), 'mine, not Atelier’s')
    await writeFile(join(folder, 'settings.json'), '{"mine":true}')
    const second = await router.dispatch('library.export', { ids: null, folder: { kind: 'transfers', name: 'again' } })
    expect(second).toMatchObject({ ok: true, data: { generations: 0, images: 0 } })
    const problems = (second as { data: { problems: string[] } }).data.problems.join('\n')
    expect(problems).toContain(`${id}.json: already in the folder; it was left as it was`)
    expect(problems).toContain(`${id}.png: already in the folder`)
    expect(await readFile(join(folder, `${id}.json`), 'utf8')).toBe('mine, not Atelier’s')
    expect(await readFile(join(folder, 'settings.json'), 'utf8')).toBe('{"mine":true}')
  })
})
