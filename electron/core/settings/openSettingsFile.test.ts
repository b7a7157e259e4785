/**
 * A damaged settings file, opened the way the app opens it (conf, as the core's
 * worker opens it, with clearInvalidConfig off): set aside byte for byte, defaults used,
 * a notice returned. Real files in a temp folder.
 */
import Conf from 'conf'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Logger } from '../ports'
import { openSettingsFile } from './openSettingsFile'
import { createSettingsService, DEFAULT_SETTINGS } from './settingsService'

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => silent }
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

function folderWith(contents: string | null): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-settings-'))
  dirs.push(dir)
  const file = path.join(dir, 'settings.json')
  if (contents !== null) fs.writeFileSync(file, contents)
  return { dir, file }
}

const openConf = (dir: string) =>
  new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', clearInvalidConfig: false })
const storeOf = (conf: Conf<Record<string, unknown>>) => ({
  get: (key: string) => conf.get(key),
  set: (key: string, value: unknown) => conf.set(key, value),
  delete: (key: string) => conf.delete(key),
})
const damagedCopies = (dir: string) => fs.readdirSync(dir).filter((name) => name.startsWith('settings.damaged-'))

describe('openSettingsFile', () => {
  const damaged: Array<[string, string]> = [
    ['cut short mid-write', '{"settings": {"theme": "dark", "notif'],
    ['empty', ''],
    ['JSON but an array', '[1, 2, 3]'],
    ['JSON but null', 'null'],
    ['JSON but a string', '"settings"'],
  ]
  for (const [what, contents] of damaged) {
    it(`sets aside a file that is ${what}, and the store starts with defaults`, () => {
      const { dir, file } = folderWith(contents)
      const now = new Date('2026-12-01T19:58:00.123Z')

      const notice = openSettingsFile(file, now)

      expect(notice).toMatchObject({
        code: 'SETTINGS_RESET',
        path: path.join(dir, 'settings.damaged-2026-12-01T19-58-00-123Z.json'),
      })
      expect(notice!.message).toMatch(
        /could not be read .* default settings.*settings\.damaged-2026-12-01T19-58-00-123Z\.json/,
      )
      expect(fs.readFileSync(notice!.path!, 'utf8')).toBe(contents)
      const conf = openConf(dir)
      const settings = createSettingsService(storeOf(conf), silent)
      expect(settings.get()).toEqual(DEFAULT_SETTINGS)
      settings.update({ theme: 'light' })
      expect(openConf(dir).get('settings')).toMatchObject({ theme: 'light' })
      // The damaged copy is still there after the store wrote its new file.
      expect(fs.readFileSync(notice!.path!, 'utf8')).toBe(contents)
    })
  }

  it('is why the app can start at all: conf refuses a damaged file it is not allowed to clear', () => {
    const { dir } = folderWith('{"settings": ')
    expect(() => openConf(dir)).toThrow(/not valid JSON/)
  })

  it('leaves a good file, and a missing one, alone', () => {
    const good = JSON.stringify({ settings: { ...DEFAULT_SETTINGS, theme: 'dark' } })
    const { dir, file } = folderWith(good)
    expect(openSettingsFile(file)).toBeNull()
    expect(fs.readFileSync(file, 'utf8')).toBe(good)
    expect(createSettingsService(storeOf(openConf(dir)), silent).get().theme).toBe('dark')
    const empty = folderWith(null)
    expect(openSettingsFile(empty.file)).toBeNull()
    expect(fs.readdirSync(empty.dir)).toEqual([])
  })

  it('keeps every damaged copy, even two in the same millisecond', () => {
    const { dir, file } = folderWith('first {')
    const now = new Date('2026-12-01T20:00:00.000Z')
    const first = openSettingsFile(file, now)
    fs.writeFileSync(file, 'second {')
    const second = openSettingsFile(file, now)
    expect(first!.path).not.toBe(second!.path)
    expect(damagedCopies(dir).sort()).toEqual([
      'settings.damaged-2026-12-01T20-00-00-000Z-1.json',
      'settings.damaged-2026-12-01T20-00-00-000Z.json',
    ])
    expect(fs.readFileSync(first!.path!, 'utf8')).toBe('first {')
    expect(fs.readFileSync(second!.path!, 'utf8')).toBe('second {')
  })

  it('sets aside a folder where the file should be', () => {
    const { dir, file } = folderWith(null)
    fs.mkdirSync(file)
    fs.writeFileSync(path.join(file, 'inside.txt'), 'kept')
    expect(openSettingsFile(file)?.message).toMatch(/not a file/)
    expect(damagedCopies(dir)).toHaveLength(1)
    expect(fs.readFileSync(path.join(dir, damagedCopies(dir)[0]!, 'inside.txt'), 'utf8')).toBe('kept')
  })
})
