/**
 * The Electron shell's composition root: builds the core with Electron's ports,
 * serves the page from app://, binds the contract to IPC, and owns the window,
 * menus, context menus, badge/progress, notifications, crash recovery, logs and
 * updates. Each piece is a small module of this folder; this file only wires.
 */
import type { BrowserWindow } from 'electron'
import { app, crashReporter, dialog, Menu, nativeTheme, shell } from 'electron'
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import pino from 'pino'
import type { Generation } from '../../shared/domain'
import type { Settings } from '../../shared/contract'
import { APP_ORIGIN } from '../../shared/ipcChannels'
import { MAX_REFERENCES } from '../../shared/domain'
import type { Core, CoreOptions } from '../core/createCore'
import { startCoreWorker } from '../core/worker'
import { createLogger } from '../core/logging/createLogger'
import type { Logger } from '../core/ports'
import { stopMakingGridThumbs } from '../core/media'
import { handleAppProtocol, handleMediaProtocol, registerSchemes } from './appProtocol'
import { attachEditContextMenu, generationMenuTemplate } from './contextMenu'
import { attachCrashRecovery } from './crashRecovery'
import { createDesktopPort } from './desktopPort'
import { safeStorageCipher } from './electronPorts'
import { bindIpc, sendEvent, type ShellHandlers } from './ipc'
import { LOG_FILE, rotateLogs } from './logFiles'
import { buildMenu } from './menu'
import { createDesktopNotifier } from './notifications'
import { readRuntimeConfig } from './runtimeConfig'
import { createTaskbarStatus, type TaskbarStatus } from './taskbar'
import { createUpdates, type UpdaterLike, type Updates } from './updates'
import { createMainWindow, hardenSessions, keepOnOrigin } from './window'
import { openWindowState } from './windowState'

export const APP_ID = 'io.runblob.atelier'
const LOG_CHECK_MS = 5 * 60_000
/** A reference file larger than this is not read (the page would refuse it anyway). */
const MAX_REFERENCE_FILE_BYTES = 64 * 1024 * 1024

export interface ShellOptions {
  argv: readonly string[]
  env: NodeJS.ProcessEnv
  /** The folder holding the built main bundle (out/main): preload and renderer are its siblings. */
  mainDir: string
  /** electron-updater's autoUpdater in the packaged app; tests pass a recording one. Null: no updates (development). */
  loadUpdater?: () => Promise<UpdaterLike | null>
  /** Faster polling (the shell tests); the defaults suit the real API. */
  engineTuning?: CoreOptions['engineTuning']
  /** The core worker's entry; default `coreWorker.js` in mainDir (the shell tests run the source entry). */
  coreWorkerEntry?: string
}

export interface Shell {
  /** Resolves when the core runs, the window exists and IPC is bound. */
  readonly ready: Promise<void>
  window(): BrowserWindow | null
  core(): Core | null
  taskbar(): TaskbarStatus | null
  updates(): Updates | null
  /** Stops the core and closes the log file (on quit; tests call it before removing their folder). */
  stop(): Promise<void>
}

export function startShell(options: ShellOptions): Shell {
  const config = readRuntimeConfig({ isPackaged: app.isPackaged, env: options.env, argv: options.argv })
  if (config.userDataDir) app.setPath('userData', config.userDataDir)
  // Crash dumps stay on this machine (in the user-data folder's Crashpad); nothing is uploaded.
  crashReporter.start({ uploadToServer: false, productName: 'Atelier' })
  registerSchemes()
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID)

  let mainWindow: BrowserWindow | null = null
  let core: Core | null = null
  let taskbar: TaskbarStatus | null = null
  let updates: Updates | null = null
  const getWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null)
  let closeLog: () => Promise<void> = async () => {}
  async function stop(): Promise<void> {
    // Grid thumbnails being made write into the library: finished (the rest dropped) before it closes.
    if (core) await stopMakingGridThumbs(core.resolveMediaPath)
    await core?.stop()
    core = null
    await closeLog()
  }
  const state = { window: getWindow, core: () => core, taskbar: () => taskbar, updates: () => updates, stop }

  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { ...state, ready: Promise.resolve() }
  }

  const origin = config.rendererDevUrl ? new URL(config.rendererDevUrl).origin : APP_ORIGIN
  const pageUrl = config.rendererDevUrl ?? `${APP_ORIGIN}/index.html`

  function showWindow(): BrowserWindow {
    const window = getWindow() ?? openWindow()
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
    return window
  }

  function openWindow(): BrowserWindow {
    const windowState = openWindowState(logger)
    const window = createMainWindow({
      url: pageUrl,
      origin,
      preload: join(options.mainDir, '../preload/index.cjs'),
      bounds: windowState.initial.bounds,
    })
    if (windowState.initial.maximized) window.maximize()
    windowState.track(window)
    attachEditContextMenu(window)
    attachCrashRecovery(window, logger)
    window.on('focus', () => taskbar?.seen())
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null
    })
    mainWindow = window
    return window
  }

  app.on('second-instance', () => void showWindow())
  // No page may attach a webview, navigate away or open windows, whatever created it.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
    keepOnOrigin(contents, origin)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (core) showWindow()
  })
  // Stop the engine cleanly: in-flight work is already durable, this just closes the database.
  let stopping = false
  app.on('before-quit', (event) => {
    if (stopping || !core) return
    event.preventDefault()
    stopping = true
    void stop().finally(() => app.quit())
  })

  let logger: Logger = createLogger()

  const ready = app.whenReady().then(async () => {
    hardenSessions(origin)
    const dataDir = join(app.getPath('userData'), 'library')
    const logsDir = app.getPath('logs')
    rotateLogs(logsDir)
    const destination = pino.destination({ dest: join(logsDir, LOG_FILE), mkdir: true, sync: false })
    logger = createLogger({ destination })
    const rotation = setInterval(() => {
      if (rotateLogs(logsDir)) destination.reopen()
    }, LOG_CHECK_MS)
    rotation.unref()
    // The file opens asynchronously: wait for it before ending, so nothing written is lost.
    const opened = new Promise<void>((resolve) => {
      destination.once('ready', () => resolve())
      destination.once('error', () => resolve())
    })
    closeLog = async () => {
      clearInterval(rotation)
      await opened
      await new Promise<void>((resolve) => {
        destination.once('close', () => resolve())
        destination.once('error', () => resolve())
        destination.end()
      })
    }

    taskbar = createTaskbarStatus(
      {
        setBadge: (count) => void app.setBadgeCount(count),
        setProgress: (fraction) => getWindow()?.setProgressBar(fraction),
      },
      () => getWindow()?.isFocused() ?? false,
    )
    const applyTheme = (theme: Settings['theme']) => (nativeTheme.themeSource = theme)

    // The core (SQLite, engine, downloads, thumbnails) runs in a worker thread: docs/threads.md.
    core = await startCoreWorker(
      {
        dataDir,
        // settings.json beside the window state; the worker writes it with conf (core/worker/fileStore.ts).
        settingsDir: app.getPath('userData'),
        logger,
        cipher: safeStorageCipher,
        events: {
          emit: (name, payload) => {
            if (name === 'generation.updated') taskbar?.update((payload as { items: Generation[] }).items)
            if (name === 'settings.changed') applyTheme((payload as Settings).theme)
            sendEvent(getWindow(), name, payload)
          },
        },
        notifier: createDesktopNotifier({
          isFocused: () => getWindow()?.isFocused() ?? false,
          show: (generationId) => {
            const window = showWindow()
            if (generationId) sendEvent(window, 'app.openGeneration', { id: generationId })
          },
        }),
        appVersion: app.getVersion(),
        platform: process.platform,
        transport: 'electron',
        desktop: createDesktopPort(getWindow),
        env: { apiBaseUrl: config.api.baseUrl, apiKey: config.api.key },
      },
      { engineTuning: options.engineTuning, entry: options.coreWorkerEntry ?? join(options.mainDir, 'coreWorker.js') },
    )
    const settings = await core.router.dispatch('settings.get', {})
    if (settings.ok) applyTheme((settings.data as Settings).theme)

    if (!config.rendererDevUrl) handleAppProtocol(join(options.mainDir, '../renderer'))
    handleMediaProtocol(core.resolveMediaPath)
    bindIpc(core.router, shellHandlers(core), getWindow, origin)

    const updater =
      (await options.loadUpdater?.().catch((error: unknown) => {
        logger.warn({ err: error }, 'updater unavailable')
        return null
      })) ?? null
    updates = updater
      ? createUpdates({
          updater,
          logger,
          window: getWindow,
          writing: () => taskbar?.writing() ?? false,
          currentVersion: app.getVersion(),
        })
      : null

    app.setAboutPanelOptions({
      applicationName: 'Atelier',
      applicationVersion: app.getVersion(),
      version: `Electron ${process.versions['electron'] ?? '?'}`,
      copyright: 'A desktop studio for the runblob ChatGPT Images API.',
    })
    Menu.setApplicationMenu(
      buildMenu({
        send: (command) => sendEvent(getWindow(), 'app.menuCommand', { command }),
        native: { 'add-reference': () => void addReferenceFromDialog() },
        openLibraryFolder: () => void shell.openPath(dataDir),
        openLogsFolder: () => void shell.openPath(logsDir),
        checkForUpdates: () => {
          if (updates) void updates.check(true)
          else
            void dialog.showMessageBox({
              type: 'info',
              message: 'Updates are checked by the installed app.',
              detail: 'This copy runs from source.',
              buttons: ['OK'],
            })
        },
        showAbout: () => app.showAboutPanel(),
      }),
    )

    await core.start()
    openWindow()
    logger.info({ origin, packaged: app.isPackaged }, 'core started, window created, IPC bound')
    if (updates) void updates.check(false)
  })

  function shellHandlers(running: Core): ShellHandlers {
    return {
      'menu.showGenerationContext': async ({ id, x, y }) => {
        const reply = await running.router.dispatch('generation.get', { id })
        if (!reply.ok) throw new Error(reply.error.message)
        const window = getWindow()
        if (!window) return {}
        const template = generationMenuTemplate(reply.data as Generation, (action) =>
          sendEvent(window, 'app.generationAction', { id, action }),
        )
        Menu.buildFromTemplate(template).popup({ window, ...(x !== undefined && y !== undefined ? { x, y } : {}) })
        return {}
      },
    }
  }

  /** The native picker: the page could not open its own from a menu click (no user gesture reaches it). */
  async function addReferenceFromDialog(): Promise<void> {
    const window = getWindow()
    if (!window) return
    sendEvent(window, 'app.menuCommand', { command: 'show-studio' })
    const choice = await dialog.showOpenDialog(window, {
      title: 'Add Reference Image',
      properties: ['openFile', 'multiSelections'],
      filters: [
        {
          name: 'Images',
          extensions: ['png', 'jpg', 'jpeg', 'webp', 'gif', 'avif', 'heic', 'heif', 'tif', 'tiff', 'bmp'],
        },
      ],
    })
    if (choice.canceled || choice.filePaths.length === 0) return
    const files: Array<{ name: string; bytes: Uint8Array }> = []
    for (const path of choice.filePaths.slice(0, MAX_REFERENCES)) {
      const bytes = await readFile(path)
      if (bytes.byteLength > MAX_REFERENCE_FILE_BYTES) continue
      files.push({ name: basename(path), bytes: new Uint8Array(bytes) })
    }
    sendEvent(window, 'app.referenceFiles', { files })
  }

  return { ...state, ready }
}
