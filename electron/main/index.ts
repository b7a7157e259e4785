/**
 * Electron's main process: glue only. It builds the core with Electron's ports,
 * binds the contract to IPC, registers the media protocol, and owns the window
 * and the menus. Behaviour lives in electron/core.
 */
import { app, BrowserWindow, Menu } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Core } from '../core/createCore'
import { startCoreWorker } from '../core/worker'
import { createLogger } from '../core/logging/createLogger'
import { bindIpc, sendEvent } from './ipc'
import { handleMediaProtocol, registerMediaScheme } from './mediaProtocol'
import { buildMenu } from './menu'
import { appUrl, createMainWindow, hardenSessions } from './window'
import { electronNotifier, safeStorageCipher } from './electronPorts'
import { createDesktopPort } from './desktopPort'

// ATELIER_DATA_DIR lets tests (and people) point the app at another library folder.
if (process.env.ATELIER_DATA_DIR) app.setPath('userData', process.env.ATELIER_DATA_DIR)
registerMediaScheme()

let mainWindow: BrowserWindow | null = null
let core: Core | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })

  // No page may create webviews or navigate anywhere we did not load.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })

  app.whenReady().then(async () => {
    hardenSessions()
    const dataDir = join(app.getPath('userData'), 'library')
    const logger = createLogger({ destination: join(app.getPath('logs'), 'atelier.log') })
    // The core (SQLite, engine, downloads, thumbnails) runs in a worker thread: docs/threads.md.
    core = await startCoreWorker({
      dataDir,
      settingsDir: app.getPath('userData'),
      logger,
      cipher: safeStorageCipher,
      events: { emit: (name, payload) => sendEvent(mainWindow, name, payload) },
      notifier: electronNotifier,
      appVersion: app.getVersion(),
      platform: process.platform,
      transport: 'electron',
      desktop: createDesktopPort(() => mainWindow),
      env: { apiBaseUrl: process.env.ATELIER_API_BASE_URL, apiKey: process.env.ATELIER_API_KEY },
    }, { entry: join(dirname(fileURLToPath(import.meta.url)), 'coreWorker.js') })
    handleMediaProtocol(core.resolveMediaPath)
    bindIpc(core.router, () => mainWindow, appUrl)
    Menu.setApplicationMenu(buildMenu((command) => sendEvent(mainWindow, 'app.menuCommand', { command }), { dataDir }))
    await core.start()
    mainWindow = createMainWindow()
    mainWindow.on('closed', () => (mainWindow = null))

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) {
        mainWindow = createMainWindow()
        mainWindow.on('closed', () => (mainWindow = null))
      }
    })
  }).catch((error: unknown) => {
    console.error('Atelier failed to start:', error)
    app.exit(1)
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Stop the engine cleanly: in-flight work is already durable, this just closes the database.
  let stopping = false
  app.on('before-quit', (event) => {
    if (stopping || !core) return
    event.preventDefault()
    stopping = true
    void core.stop().finally(() => app.quit())
  })
}
