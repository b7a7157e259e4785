/**
 * The main window, locked down per Electron's security checklist: context
 * isolation, sandbox, no Node in the page, no navigation away from our origin,
 * no new windows (https links open in the user's browser), no permissions, no
 * webviews.
 */
import { BrowserWindow, nativeTheme, session, shell, type WebContents } from 'electron'
import { isAppUrl } from './security/validateSender'
import type { WindowBounds } from './windowState'

export interface MainWindowOptions {
  /** The page: `app://atelier/index.html`, or the dev server in development. */
  url: string
  /** The origin every navigation and IPC sender is compared with. */
  origin: string
  preload: string
  bounds: WindowBounds
  icon?: string
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...options.bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Atelier',
    ...(options.icon ? { icon: options.icon } : {}),
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16171a' : '#f7f7f8',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  })

  window.once('ready-to-show', () => window.show())
  keepOnOrigin(window.webContents, options.origin)
  void window.webContents.loadURL(options.url)
  return window
}

/** No navigation or redirect away from our origin; new windows never open (https goes to the browser). */
export function keepOnOrigin(contents: WebContents, origin: string): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, origin)) event.preventDefault()
  }
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

/** Writing to the clipboard (Copy Prompt) is the one permission, and only for our own page. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write'])

/** No page gets camera, microphone, geolocation, notifications-by-page or anything else. */
export function hardenSessions(origin: string): void {
  const allowed = (permission: string, url: string) => ALLOWED_PERMISSIONS.has(permission) && isAppUrl(url, origin)
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
    callback(allowed(permission, contents.getURL())),
  )
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowed(permission, requestingOrigin),
  )
}
