/**
 * A damaged settings file, through the stand-in: the real shell sets it aside
 * before conf opens it in the core's worker, starts from defaults, and the notice reaches
 * the page through app.info. The damaged file is kept.
 */
import { afterEach, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { bootShell, stopBootedShells, type BootedShell } from './support/bootShell'

let booted: BootedShell | null = null
/** A command's data, as the page receives it (`{ ok, data }`). */
async function ask<T>(name: string, input: unknown = {}): Promise<T> {
  const reply = (await booted!.request(name, input)) as { ok: boolean; data: T; error?: unknown }
  if (!reply.ok) throw new Error(`${name} failed: ${JSON.stringify(reply.error)}`)
  return reply.data
}
afterEach(stopBootedShells)

it('sets a settings file that does not parse aside, starts with defaults and says so', async () => {
  booted = await bootShell({
    before: async ({ userData }) => {
      await mkdir(userData, { recursive: true })
      await writeFile(join(userData, 'settings.json'), '{"settings": {"theme": "dark"')
    },
  })
  const info = await ask<{ notices: Array<{ code: string; path: string | null }>; search: string }>('app.info')
  expect(info.notices).toHaveLength(1)
  expect(info.notices[0]).toMatchObject({ code: 'SETTINGS_RESET' })
  expect(info.search).toBe('full')
  const kept = readdirSync(booted.userData).filter((name) => name.startsWith('settings') && name !== 'settings.json')
  expect(kept).toHaveLength(1)
  expect(readFileSync(join(booted.userData, kept[0]!), 'utf8')).toBe('{"settings": {"theme": "dark"')
  expect(info.notices[0]!.path).toBe(join(booted.userData, kept[0]!))
  // Defaults, and the store writes a fresh file that parses.
  const settings = await ask<{ theme: string }>('settings.get')
  expect(settings.theme).toBe('system')
  await ask('settings.update', { theme: 'light' })
  expect(JSON.parse(readFileSync(join(booted.userData, 'settings.json'), 'utf8'))).toBeTruthy()
})

it('a sound settings file opens as it is, with no notice', async () => {
  booted = await bootShell()
  await ask('settings.update', { theme: 'dark' })
  const info = await ask<{ notices: unknown[] }>('app.info')
  expect(info.notices).toEqual([])
})
