/**
 * Every custom item of the native menu and of the context menus, clicked
 * through the stand-in, with its effect: page commands reach the page, the
 * shell's own items act, and a generation's menu offers what
 * shared/generationActions.ts allows and sends the chosen action back.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { buildMenu } from '../../electron/main/menu'
import { APP_COMMAND_IDS, APP_COMMANDS, GENERATION_MENU_ACTIONS } from '../../shared/appCommands'
import { answerNextDialog, app, clickMenuItem, recorded, type StandInMenu } from './standIn/electron'
import { bootShell, stopBootedShells, type BootedShell } from './support/bootShell'
import { bootLiveShell } from './support/liveShell'
import type { UpdaterLike } from '../../electron/main/updates'

let booted: BootedShell | null = null
afterEach(stopBootedShells)

const appMenu = () => recorded.applicationMenu as StandInMenu

describe('the application menu', () => {
  it('lists every command of the shared table with its accelerator', async () => {
    booted = await bootShell()
    for (const id of APP_COMMAND_IDS) {
      const item = appMenu().find(APP_COMMANDS[id].label)
      expect(item.accelerator).toBe(APP_COMMANDS[id].accelerator)
    }
  })

  it('sends each page command to the page', async () => {
    booted = await bootShell()
    for (const id of APP_COMMAND_IDS.filter((c) => c !== 'add-reference')) {
      clickMenuItem(appMenu().find(APP_COMMANDS[id].label), booted.window)
      expect(booted.events('app.menuCommand').at(-1)?.payload).toEqual({ command: id })
    }
  })

  it('Add Reference Image… opens the native picker and hands the chosen images to the page as bytes', async () => {
    booted = await bootShell()
    const photo = join(booted.root, 'photo.png')
    await writeFile(
      photo,
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
        .png()
        .toBuffer(),
    )
    answerNextDialog({ canceled: false, filePaths: [photo] })
    clickMenuItem(appMenu().find('Add Reference Image…'), booted.window)
    await expect.poll(() => booted!.events('app.referenceFiles').length).toBe(1)
    const { files } = booted.events('app.referenceFiles')[0]!.payload as {
      files: Array<{ name: string; bytes: Uint8Array }>
    }
    expect(files.map((f) => f.name)).toEqual(['photo.png'])
    expect((await sharp(files[0]!.bytes).metadata()).width).toBe(8)
    expect(booted.events('app.menuCommand').at(-1)?.payload).toEqual({ command: 'show-studio' })
    expect(recorded.dialogs.at(-1)).toMatchObject({
      kind: 'open',
      options: { properties: ['openFile', 'multiSelections'] },
    })
    // Cancelling sends nothing.
    clickMenuItem(appMenu().find('Add Reference Image…'), booted.window)
    await new Promise((r) => setTimeout(r, 20))
    expect(booted.events('app.referenceFiles')).toHaveLength(1)
  })

  it('Open Library Folder and Open Logs Folder open those folders', async () => {
    booted = await bootShell()
    clickMenuItem(appMenu().find('Open Library Folder'))
    clickMenuItem(appMenu().find('Open Logs Folder'))
    expect(recorded.shell).toEqual([
      { call: 'openPath', target: join(booted.userData, 'library') },
      { call: 'openPath', target: app.getPath('logs') },
    ])
  })

  it('About shows the about panel, filled in', async () => {
    booted = await bootShell()
    clickMenuItem(appMenu().find('About Atelier'))
    expect(recorded.aboutShown).toBe(1)
    expect(recorded.aboutPanel).toMatchObject({ applicationName: 'Atelier', applicationVersion: '0.1.0' })
  })

  it('Check for Updates… asks the updater, and says so when running from source', async () => {
    booted = await bootShell()
    clickMenuItem(appMenu().find('Check for Updates…'))
    expect(recorded.dialogs.at(-1)).toMatchObject({
      kind: 'messageBox',
      options: { message: 'Updates are checked by the installed app.' },
    })
    await booted.stop()

    let checks = 0
    const updater: UpdaterLike = {
      autoDownload: false,
      autoInstallOnAppQuit: true,
      checkForUpdates: async () => void checks++,
      quitAndInstall: () => {},
      on: () => updater,
    }
    booted = await bootShell({ loadUpdater: async () => updater })
    expect(checks).toBe(1) // at start
    clickMenuItem(appMenu().find('Check for Updates…'))
    expect(checks).toBe(2)
  })

  it('puts About, Updates and Settings in the application menu on macOS, and in File/Help elsewhere', () => {
    const actions = {
      send: () => {},
      native: {},
      openLibraryFolder: () => {},
      openLogsFolder: () => {},
      checkForUpdates: () => {},
      showAbout: () => {},
    }
    const mac = buildMenu(actions, 'darwin') as unknown as StandInMenu
    expect(mac.items[0]!.submenuItems!.map((i) => i.label).filter(Boolean)).toEqual([
      'About Atelier',
      'Check for Updates…',
      'Settings…',
    ])
    const linux = buildMenu(actions, 'linux') as unknown as StandInMenu
    expect(linux.items[0]!.label).toBe('File')
    expect(linux.items[0]!.submenuItems!.map((i) => i.label)).toContain('Settings…')
    expect(
      linux.items
        .at(-1)!
        .submenuItems!.map((i) => i.label)
        .filter(Boolean),
    ).toEqual(['About Atelier', 'Check for Updates…'])
  })
})

describe('the text-field context menu', () => {
  const flags = {
    canUndo: true,
    canRedo: true,
    canCut: true,
    canCopy: true,
    canPaste: true,
    canSelectAll: true,
    canDelete: true,
    canEditRichly: false,
  }
  const rightClick = (b: BootedShell, params: object) => {
    b.window.webContents.emit(
      'context-menu',
      {},
      {
        isEditable: false,
        selectionText: '',
        misspelledWord: '',
        dictionarySuggestions: [],
        editFlags: flags,
        ...params,
      },
    )
    return recorded.popups.at(-1)
  }

  it('offers spelling suggestions that replace the word, and adds words to the dictionary', async () => {
    booted = await bootShell()
    const popup = rightClick(booted, {
      isEditable: true,
      misspelledWord: 'lighthuose',
      dictionarySuggestions: ['lighthouse', 'lighthouses'],
    })!
    expect(popup.options).toMatchObject({ window: booted.window })
    clickMenuItem(popup.menu.find('lighthouse'))
    expect(booted.window.webContents.edits).toEqual(['replace:lighthouse'])
    clickMenuItem(popup.menu.find('Add to Dictionary'))
    expect(recorded.dictionaryWords).toEqual(['lighthuose'])
  })

  it('edits the field: undo, redo, cut, copy, paste, select all', async () => {
    booted = await bootShell()
    const popup = rightClick(booted, { isEditable: true })!
    for (const label of ['Undo', 'Redo', 'Cut', 'Copy', 'Paste', 'Select All']) clickMenuItem(popup.menu.find(label))
    expect(booted.window.webContents.edits).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'])
    const disabled = rightClick(booted, { isEditable: true, editFlags: { ...flags, canPaste: false } })!
    expect(disabled.menu.find('Paste').enabled).toBe(false)
  })

  it('offers Copy for selected page text, and nothing where there is nothing to do', async () => {
    booted = await bootShell()
    const popup = rightClick(booted, { selectionText: 'a lighthouse' })!
    expect(popup.menu.items.map((i) => i.label)).toEqual(['Copy'])
    clickMenuItem(popup.menu.find('Copy'))
    expect(booted.window.webContents.edits).toEqual(['copy'])
    const before = recorded.popups.length
    rightClick(booted, {})
    expect(recorded.popups.length).toBe(before)
  })
})

describe("a generation's context menu", () => {
  it('offers every action for a finished image, and each reaches the page', async () => {
    const live = await bootLiveShell()
    const g = await live.finishedImage()
    expect(await live.request('menu.showGenerationContext', { id: g.id, x: 10, y: 20 })).toEqual({ ok: true, data: {} })
    const popup = recorded.popups.at(-1)!
    expect(popup.options).toMatchObject({ x: 10, y: 20 })
    const labels = popup.menu.items.filter((i) => i.type !== 'separator').map((i) => i.id)
    expect(labels).toEqual([...GENERATION_MENU_ACTIONS])
    for (const action of GENERATION_MENU_ACTIONS) {
      clickMenuItem(popup.menu.items.find((i) => i.id === action)!)
      expect(live.events('app.generationAction').at(-1)?.payload).toEqual({ id: g.id, action })
    }
  })

  it('offers only what generationActions() allows: once trashed, no favourite or trash (remix and reference still work from the trash)', async () => {
    const live = await bootLiveShell()
    const g = await live.finishedImage()
    await live.request('library.delete', { ids: [g.id] })
    await live.request('menu.showGenerationContext', { id: g.id })
    const ids = recorded.popups
      .at(-1)!
      .menu.items.filter((i) => i.type !== 'separator')
      .map((i) => i.id)
    expect(ids).toEqual(['open', 'remix', 'use-as-reference', 'copy-image', 'copy-prompt', 'save-as', 'reveal'])
    expect(await live.request('menu.showGenerationContext', { id: 'no-such-id' })).toMatchObject({ ok: false })
    expect(await live.request('menu.showGenerationContext', { id: 42 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
