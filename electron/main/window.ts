/**
 * The main window, locked down per Electron's security checklist: context
 * isolation, sandbox, no Node in the page, no navigation, no new windows
 * (https links open in the user's browser), no permissions.
 */
import { BrowserWindow, nativeTheme, session, shell } from 'electron'
import { join } from 'node:path'
import { isAppUrl } from './security/validateSender'

export function appUrl(): string {
  const devUrl = process.env.ELECTRON_RENDERER_URL
  return devUrl ?? `file://${join(import.meta.dirname, '../renderer/index.html')}`
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Atelier',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16171a' : '#f7f7f8',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  })

  window.once('ready-to-show', () => window.show())
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl())) event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })

  const devUrl = process.env.ELECTRON_RENDERER_URL
  if (devUrl) void window.loadURL(devUrl)
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'))
  return window
}

/** No page gets camera, microphone, geolocation or anything else; no webviews. */
export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
}
