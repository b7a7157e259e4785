/**
 * The window state through the real electron-store, on a real folder, with the
 * stand-in playing the OS: saved and restored across a restart (a new store on
 * the same folder), damaged or hostile files falling back to the default, a
 * window from an unplugged display centred, and the normal bounds kept for a
 * maximized window. The full shell reading an existing file is desktop.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSilentLogger } from '../../electron/core/logging/createLogger'
import { openWindowState } from '../../electron/main/windowState'
import { resetStandIn, setDisplays, StandInBrowserWindow } from './standIn/electron'

let userData = ''
const file = () => join(userData, 'window-state.json')
const writeState = (text: string) => {
  mkdirSync(userData, { recursive: true })
  writeFileSync(file(), text)
}
const saved = () => JSON.parse(readFileSync(file(), 'utf8')) as unknown
/** Windows a test opened; closed after it, so no debounced save writes into a folder already removed. */
const opened: StandInBrowserWindow[] = []
/** One run of the app: a new store on the same folder, and a window opened where it says. */
function launch() {
  const state = openWindowState(createSilentLogger())
  const window = new StandInBrowserWindow({ ...state.initial.bounds })
  opened.push(window)
  if (state.initial.maximized) window.maximize()
  state.track(window as unknown as BrowserWindow)
  return { state, window }
}
const centredDefault = { x: 320, y: 120, width: 1280, height: 840 }

beforeEach(() => {
  userData = join(mkdtempSync(join(tmpdir(), 'atelier-window-state-')), 'userData')
  resetStandIn({ userData })
})
afterEach(() => {
  vi.useRealTimers()
  for (const window of opened.splice(0)) if (!window.isDestroyed()) window.close()
  rmSync(join(userData, '..'), { recursive: true, force: true })
})

describe('window state', () => {
  it('is restored after a restart as it was when the window closed', () => {
    const first = launch()
    expect(first.state.initial).toEqual({ bounds: centredDefault, maximized: false })
    first.window.setBounds({ x: 40, y: 30, width: 1000, height: 700 })
    first.window.close()
    expect(launch().state.initial).toEqual({ bounds: { x: 40, y: 30, width: 1000, height: 700 }, maximized: false })
  })

  it('saves a moment after the last move or resize, once, without waiting for close', () => {
    vi.useFakeTimers()
    const { window } = launch()
    window.setBounds({ x: 10, y: 10 })
    vi.advanceTimersByTime(300)
    window.setBounds({ x: 60, y: 70, width: 1100, height: 720 })
    vi.advanceTimersByTime(399)
    expect(existsSync(file())).toBe(false)
    vi.advanceTimersByTime(1)
    expect(saved()).toEqual({ x: 60, y: 70, width: 1100, height: 720, maximized: false })
  })

  it('keeps the normal bounds of a maximized window, so un-maximizing after a restart returns to them', () => {
    const first = launch()
    first.window.setBounds({ x: 100, y: 80, width: 1000, height: 700 })
    first.window.maximize()
    expect(first.window.getBounds()).toEqual({ x: 0, y: 0, width: 1920, height: 1080 })
    first.window.close()
    expect(saved()).toEqual({ x: 100, y: 80, width: 1000, height: 700, maximized: true })
    const second = launch()
    expect(second.state.initial).toEqual({ bounds: { x: 100, y: 80, width: 1000, height: 700 }, maximized: true })
    second.window.unmaximize()
    expect(second.window.getBounds()).toEqual({ x: 100, y: 80, width: 1000, height: 700 })
  })

  it('centres a window saved on a display since unplugged on the primary one, keeping its size', () => {
    setDisplays([
      { x: 0, y: 0, width: 1440, height: 900 },
      { x: 1440, y: 0, width: 1920, height: 1080 },
    ])
    const first = launch()
    first.window.setBounds({ x: 2000, y: 100, width: 1000, height: 700 })
    first.window.close()
    setDisplays([{ x: 0, y: 0, width: 1440, height: 900 }])
    expect(launch().state.initial.bounds).toEqual({ x: 220, y: 100, width: 1000, height: 700 })
  })

  it.each([
    ['not JSON', '{"x": 10, "y":'],
    ['empty (a crash mid-write)', ''],
    ['JSON but not an object', '[1, 2, 3]'],
    ['the wrong types', JSON.stringify({ x: 'left', y: 0, width: -3, height: 700, maximized: 'yes' })],
    ['a size out of range', JSON.stringify({ x: 0, y: 0, width: 10, height: 10, maximized: false })],
    ['hostile keys', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'],
  ])('falls back to the default, centred, for a file that is %s, and saves over it', (_what, text) => {
    writeState(text)
    const first = launch()
    expect(first.state.initial).toEqual({ bounds: centredDefault, maximized: false })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    first.window.setBounds({ x: 5, y: 6, width: 900, height: 650 })
    first.window.close()
    expect(saved()).toEqual({ x: 5, y: 6, width: 900, height: 650, maximized: false })
  })

  it('opens at the default when the file cannot be read at all (a folder in its place), and does not throw on close', () => {
    mkdirSync(file(), { recursive: true })
    const { state, window } = launch()
    expect(state.initial).toEqual({ bounds: centredDefault, maximized: false })
    window.setBounds({ x: 5, y: 6 })
    expect(() => window.close()).not.toThrow()
  })

  it('leaves no IPC listener behind: the page never talks to the store', async () => {
    // electron-store registers its listener once per module instance: load fresh ones, as a new process would.
    vi.resetModules()
    const standIn = await import('./standIn/electron')
    const fresh = await import('../../electron/main/windowState')
    standIn.resetStandIn({ userData })
    fresh.openWindowState(createSilentLogger())
    expect([...standIn.ipcMain.listeners.keys()]).toEqual([])
  })
})
