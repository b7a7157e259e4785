/**
 * What a desktop user expects, through the stand-in: window state restored onto
 * a visible display, badge and progress as tasks change, notifications only in
 * the background and opening the image on click, crash and hang recovery, the
 * theme reaching native UI, updates installed only when agreed and nothing is
 * being written, and the preload's bridge.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSilentLogger } from '../../electron/core/logging/createLogger'
import { rotateLogs } from '../../electron/main/logFiles'
import { createUpdates, type UpdaterLike } from '../../electron/main/updates'
import type { Transport } from '../../shared/api'
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../shared/ipcChannels'
import {
  answerNextDialog,
  contextBridge,
  ipcRenderer,
  nativeTheme,
  recorded,
  resetStandIn,
  setDisplays,
} from './standIn/electron'
import { bootShell, stopBootedShells, type BootedShell } from './support/bootShell'
import { bootLiveShell } from './support/liveShell'

let booted: BootedShell | null = null
afterEach(stopBootedShells)

const saveState =
  (state: object) =>
  async ({ userData }: { userData: string }) => {
    const { mkdir } = await import('node:fs/promises')
    await mkdir(userData, { recursive: true })
    await writeFile(join(userData, 'window-state.json'), JSON.stringify(state))
  }

describe('window state', () => {
  it('opens at 1280×840, centred, the first time', async () => {
    booted = await bootShell()
    expect(booted.window.options).toMatchObject({ width: 1280, height: 840, x: 320, y: 120 })
  })

  it('restores size, position and maximized state, and saves changes when the window closes', async () => {
    booted = await bootShell({ before: saveState({ x: 100, y: 50, width: 1000, height: 700, maximized: true }) })
    expect(booted.window.options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700 })
    expect(booted.window.maximized).toBe(true)
    booted.window.unmaximize()
    booted.window.setBounds({ x: 200, y: 80, width: 1100, height: 750 })
    booted.window.close()
    const saved = JSON.parse(await readFile(join(booted.userData, 'window-state.json'), 'utf8'))
    expect(saved).toEqual({ x: 200, y: 80, width: 1100, height: 750, maximized: false })
  })

  it('moves a window saved on a monitor since unplugged back onto the primary display', async () => {
    booted = await bootShell({
      before: async (paths) => {
        await saveState({ x: 2600, y: 100, width: 1000, height: 700, maximized: false })(paths)
        setDisplays([{ x: 0, y: 0, width: 1440, height: 900 }])
      },
    })
    expect(booted.window.options).toMatchObject({ x: 220, y: 100, width: 1000, height: 700 })
  })

  it('ignores a damaged state file', async () => {
    booted = await bootShell({ before: saveState({ x: 'left', width: -3 }) })
    expect(booted.window.options).toMatchObject({ width: 1280, height: 840 })
  })
})

describe('badge, progress and notifications', () => {
  it('counts images finished in the background, shows progress while in flight, and clears on focus', async () => {
    const live = await bootLiveShell()
    booted = live
    const g = await live.finishedImage()
    await expect.poll(() => recorded.badgeCounts.at(-1)).toBe(1)
    const progress = live.window.progress
    expect(progress.at(-1)).toBe(-1)
    expect(progress.some((p) => p >= 0 && p < 1)).toBe(true)
    // The notice is about that image; clicking it brings the window back and opens it.
    await expect.poll(() => recorded.notifications.length).toBe(1)
    const notice = recorded.notifications[0]!
    expect(notice).toMatchObject({ shown: true, options: { title: 'Image ready' } })
    notice.emit('click')
    expect(live.window.focused).toBe(true)
    expect(live.events('app.openGeneration').at(-1)?.payload).toEqual({ id: g.id })
    expect(recorded.badgeCounts.at(-1)).toBe(0)
  })

  it('sends no notification and counts nothing while the window is in front', async () => {
    const live = await bootLiveShell()
    booted = live
    live.window.focus()
    await live.finishedImage()
    await new Promise((r) => setTimeout(r, 100))
    expect(recorded.notifications).toHaveLength(0)
    expect(recorded.badgeCounts.filter((n) => n > 0)).toHaveLength(0)
  })
})

describe('crash recovery', () => {
  it('reloads a crashed page and says so; gives up after repeated crashes', async () => {
    booted = await bootShell()
    const contents = booted.window.webContents
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 })
    expect(contents.reloads).toBe(0)
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 })
    expect(contents.reloads).toBe(1)
    expect(recorded.dialogs.at(-1)).toMatchObject({
      kind: 'messageBox',
      options: { message: 'Atelier’s window stopped unexpectedly and was reloaded.' },
    })
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 })
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 })
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 })
    expect(contents.reloads).toBe(3)
    expect(recorded.dialogs.at(-1)).toMatchObject({ kind: 'error', options: { title: 'Atelier keeps stopping' } })
  })

  it('offers to reload a hung page, and reloads only when asked', async () => {
    booted = await bootShell()
    answerNextDialog({ response: 1 })
    booted.window.emit('unresponsive')
    await new Promise((r) => setTimeout(r, 10))
    expect(booted.window.webContents.reloads).toBe(0)
    answerNextDialog({ response: 0 })
    booted.window.emit('unresponsive')
    await expect.poll(() => booted!.window.webContents.reloads).toBe(1)
  })

  it('keeps running tasks through a reload: the page asks the core again', async () => {
    const live = await bootLiveShell()
    booted = live
    const g = await live.finishedImage()
    live.window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 })
    const again = (await live.request('generation.get', { id: g.id })) as { ok: boolean; data: { status: string } }
    expect(again).toMatchObject({ ok: true, data: { status: 'completed' } })
  })
})

describe('theme', () => {
  it('applies the theme chosen in Settings to native menus and dialogs', async () => {
    booted = await bootShell()
    booted.window.webContents.mainFrame.url = 'app://atelier/index.html'
    expect(nativeTheme.themeSource).toBe('system')
    await booted.request('settings.update', { theme: 'dark' })
    expect(nativeTheme.themeSource).toBe('dark')
    await booted.request('settings.update', { theme: 'light' })
    expect(nativeTheme.themeSource).toBe('light')
  })
})

describe('logs', () => {
  it('rotates atelier.log past its cap and keeps a few files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atelier-logs-'))
    try {
      for (let round = 1; round <= 5; round++) {
        await writeFile(join(dir, 'atelier.log'), `round ${round}\n`.padEnd(200, '.'))
        expect(rotateLogs(dir, 100, 3)).toBe(true)
      }
      expect(readdirSync(dir).sort()).toEqual(['atelier.1.log', 'atelier.2.log', 'atelier.3.log'])
      expect(await readFile(join(dir, 'atelier.1.log'), 'utf8')).toMatch(/^round 5/)
      expect(await readFile(join(dir, 'atelier.3.log'), 'utf8')).toMatch(/^round 3/)
      await writeFile(join(dir, 'atelier.log'), 'small')
      expect(rotateLogs(dir, 100, 3)).toBe(false)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('writes the app log in the logs folder', async () => {
    booted = await bootShell()
    const { app } = await import('./standIn/electron')
    await expect.poll(() => existsSync(join(app.getPath('logs'), 'atelier.log'))).toBe(true)
  })
})

describe('updates', () => {
  function fakeUpdater() {
    const listeners = new Map<string, (info: unknown) => void>()
    const calls: string[] = []
    const updater: UpdaterLike = {
      autoDownload: false,
      autoInstallOnAppQuit: true,
      checkForUpdates: async () => void calls.push('check'),
      quitAndInstall: () => void calls.push('install'),
      on: (event, listener) => listeners.set(event, listener),
    }
    return { updater, calls, fire: (event: string, info?: unknown) => listeners.get(event)!(info) }
  }

  it('downloads in the background and installs only after the user agrees and no result is being written', async () => {
    resetStandIn()
    const fake = fakeUpdater()
    let writing = true
    const updates = createUpdates({
      updater: fake.updater,
      logger: createSilentLogger(),
      window: () => null,
      writing: () => writing,
      currentVersion: '0.1.0',
      retryMs: 10,
    })
    expect(fake.updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: false })
    await updates.check(false)
    expect(fake.calls).toEqual(['check'])

    answerNextDialog({ response: 1 }) // "Later"
    fake.fire('update-downloaded', { version: '0.2.0' })
    await new Promise((r) => setTimeout(r, 20))
    expect(fake.calls).toEqual(['check'])
    expect(recorded.dialogs.at(-1)).toMatchObject({ options: { message: 'Atelier 0.2.0 is ready to install.' } })

    answerNextDialog({ response: 0 }) // "Restart and Install", while a download is being written
    fake.fire('update-downloaded', { version: '0.2.0' })
    await new Promise((r) => setTimeout(r, 50))
    expect(fake.calls).toEqual(['check'])
    writing = false
    await expect.poll(() => fake.calls).toEqual(['check', 'install'])
  })

  it('says "up to date" or the error only when the user asked', async () => {
    resetStandIn()
    const fake = fakeUpdater()
    const updates = createUpdates({
      updater: fake.updater,
      logger: createSilentLogger(),
      window: () => null,
      writing: () => false,
      currentVersion: '0.1.0',
    })
    await updates.check(false)
    fake.fire('update-not-available')
    await updates.check(true)
    fake.fire('update-not-available')
    await updates.check(true)
    fake.fire('error', new Error('offline'))
    expect(recorded.dialogs.map((d) => (d.options as { message: string }).message)).toEqual([
      'Atelier is up to date.',
      'Could not check for updates.',
    ])
  })
})

describe('the preload', () => {
  it('exposes one generic forwarder over the two channels, with media URLs on the media scheme', async () => {
    resetStandIn()
    await import('../../electron/preload/index')
    const bridge = contextBridge.exposed.get('atelier') as Transport
    expect([...contextBridge.exposed.keys()]).toEqual(['atelier'])
    expect(bridge.kind).toBe('electron')
    await bridge.request('app.info', {})
    expect(ipcRenderer.invocations).toEqual([{ channel: IPC_REQUEST_CHANNEL, args: ['app.info', {}] }])
    const received: unknown[] = []
    const off = bridge.listen((name, payload) => received.push([name, payload]))
    ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, 'engine.stateChanged', { paused: false })
    off()
    ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, 'engine.stateChanged', { paused: true })
    expect(received).toEqual([['engine.stateChanged', { paused: false }]])
    expect(bridge.mediaUrl('images/a b.png')).toBe('atelier-media://library/images/a%20b.png')
  })
})
