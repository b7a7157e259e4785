import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createFileStore } from './nodePorts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

it('browser mode starts on a damaged settings file: set aside, defaults, a notice for app.info', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-nodeports-'))
  dirs.push(dir)
  fs.writeFileSync(path.join(dir, 'settings.json'), '{"settings": {"the')

  const { store, notices } = createFileStore(dir)

  expect(notices).toHaveLength(1)
  expect(notices[0]).toMatchObject({ code: 'SETTINGS_RESET' })
  expect(fs.readFileSync(notices[0]!.path!, 'utf8')).toBe('{"settings": {"the')
  expect(store.get('settings')).toBeUndefined()
  store.set('settings', { theme: 'dark' })
  expect(createFileStore(dir).notices).toEqual([])
  expect(createFileStore(dir).store.get('settings')).toEqual({ theme: 'dark' })
})
