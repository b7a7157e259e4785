/**
 * A recording stand-in for the `electron` module, for machines with no Electron
 * binary. Each piece is typed against Electron's own declarations (`Pick<…>` of
 * the real interfaces), so a call the real module would not accept does not
 * compile. It records what the shell did (windows, menus, handlers, badges,
 * notifications, dialogs) and lets a test play the user and the OS: fire events,
 * click menu items, answer dialogs, invoke IPC as a page would.
 *
 * Wired only inside tests/shell (vitest alias) and by scripts/package-check.ts
 * (bundled as the extracted app's `electron` module). Core tests never see it.
 */
import type * as Electron from 'electron'
import { EventEmitter } from 'node:events'
import { mkdirSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

type Listener = (...args: never[]) => unknown

/** Everything observable, in one place a test can read and reset. */
export const recorded = {
  schemes: [] as Electron.CustomScheme[],
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  applicationMenu: null as StandInMenu | null,
  popups: [] as Array<{ menu: StandInMenu; options: Electron.PopupOptions | undefined }>,
  shell: [] as Array<{ call: 'openPath' | 'openExternal' | 'showItemInFolder'; target: string }>,
  notifications: [] as StandInNotification[],
  dialogs: [] as Array<{ kind: string; options: unknown }>,
  badgeCounts: [] as number[],
  permissionRequestHandler: null as Parameters<Electron.Session['setPermissionRequestHandler']>[0],
  permissionCheckHandler: null as Parameters<Electron.Session['setPermissionCheckHandler']>[0],
  crashReporter: null as Electron.CrashReporterStartOptions | null,
  aboutPanel: null as Electron.AboutPanelOptionsOptions | null,
  aboutShown: 0,
  appUserModelId: null as string | null,
  clipboard: [] as unknown[],
  dictionaryWords: [] as string[],
  quitCalls: 0,
  exitCodes: [] as number[],
}

/** Answers for the next dialogs, in order; an empty queue answers "cancel" (or button 0). */
const dialogAnswers: unknown[] = []
export function answerNextDialog(answer: unknown): void {
  dialogAnswers.push(answer)
}

let readyResolve: (() => void) | null = null
let readyPromise = new Promise<void>((resolve) => (readyResolve = resolve))
let nextId = 1
let userDataRoot = join(tmpdir(), `atelier-standin-${process.pid}`)

class StandInApp extends EventEmitter {
  isPackaged = false
  commandLine = {
    hasSwitch: (name: string) => process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`)),
    getSwitchValue: (name: string) =>
      process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? '',
  } satisfies Pick<Electron.CommandLine, 'hasSwitch' | 'getSwitchValue'>
  dock = { setBadge: (text: string) => void (this.dockBadge = text) } satisfies Pick<Electron.Dock, 'setBadge'>
  dockBadge = ''
  private paths = new Map<string, string>()
  private ready = false

  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    const path = this.paths.get(name) ?? (name === 'userData' ? userDataRoot : join(this.getPath('userData'), name))
    mkdirSync(path, { recursive: true })
    return path
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path)
  }
  setAppLogsPath(path?: string): void {
    this.paths.set('logs', path ?? join(this.getPath('userData'), 'logs'))
  }
  getVersion = () => '0.1.0'
  getName = () => 'Atelier'
  getAppPath = () => process.cwd()
  isReady = () => this.ready
  whenReady(): Promise<void> {
    return readyPromise
  }
  requestSingleInstanceLock = () => true
  setAppUserModelId(id: string): void {
    recorded.appUserModelId = id
  }
  setAboutPanelOptions(options: Electron.AboutPanelOptionsOptions): void {
    recorded.aboutPanel = options
  }
  showAboutPanel(): void {
    recorded.aboutShown++
  }
  setBadgeCount(count?: number): boolean {
    recorded.badgeCounts.push(count ?? 0)
    return true
  }
  quit(): void {
    recorded.quitCalls++
  }
  exit(code?: number): void {
    recorded.exitCodes.push(code ?? 0)
  }
  relaunch(): void {}
  /** Test side: the app becomes ready (whenReady resolves, 'ready' fires). */
  markReady(): void {
    this.ready = true
    readyResolve?.()
    this.emit('ready')
  }
}
// Type check: the stand-in's methods have Electron's signatures.
type _AppShape = Pick<
  Electron.App,
  | 'getPath'
  | 'setPath'
  | 'getVersion'
  | 'whenReady'
  | 'setBadgeCount'
  | 'setAppUserModelId'
  | 'setAboutPanelOptions'
  | 'showAboutPanel'
  | 'quit'
  | 'exit'
  | 'requestSingleInstanceLock'
  | 'isReady'
  | 'setAppLogsPath'
>
const _appCheck: (a: StandInApp) => _AppShape = (a) => a
void _appCheck

export const app = new StandInApp()

class StandInSession extends EventEmitter {
  setPermissionRequestHandler(handler: Parameters<Electron.Session['setPermissionRequestHandler']>[0]): void {
    recorded.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: Parameters<Electron.Session['setPermissionCheckHandler']>[0]): void {
    recorded.permissionCheckHandler = handler
  }
  setSpellCheckerLanguages(): void {}
  addWordToSpellCheckerDictionary(word: string): boolean {
    recorded.dictionaryWords.push(word)
    return true
  }
}
export const session = { defaultSession: new StandInSession() }

export class StandInWebContents extends EventEmitter {
  readonly id = nextId++
  readonly sent: Array<{ channel: string; args: unknown[] }> = []
  readonly loaded: string[] = []
  windowOpenHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null
  readonly edits: string[] = []
  reloads = 0
  private destroyed = false
  private url = ''
  readonly session = session.defaultSession
  readonly mainFrame = { url: '', parent: null as unknown, frames: [] }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args })
  }
  async loadURL(url: string): Promise<void> {
    this.url = url
    this.mainFrame.url = url
    this.loaded.push(url)
  }
  async loadFile(path: string): Promise<void> {
    throw new Error(`the app must not load files: ${path}`)
  }
  getURL = () => this.url
  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler
  }
  reload(): void {
    this.reloads++
    this.emit('did-finish-load')
  }
  isDestroyed = () => this.destroyed
  destroy(): void {
    this.destroyed = true
  }
  isCrashed = () => false
  startDrag(item: Electron.Item): void {
    this.emit('standin:drag', item)
  }
  replaceMisspelling(word: string): void {
    this.edits.push(`replace:${word}`)
  }
  undo = () => void this.edits.push('undo')
  redo = () => void this.edits.push('redo')
  cut = () => void this.edits.push('cut')
  copy = () => void this.edits.push('copy')
  paste = () => void this.edits.push('paste')
  selectAll = () => void this.edits.push('selectAll')
  delete = () => void this.edits.push('delete')
  /** Test side: navigation attempt; returns true when the shell prevented it. */
  tryNavigate(url: string, eventName: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    let prevented = false
    this.emit(eventName, { preventDefault: () => (prevented = true), url }, url)
    return prevented
  }
}
type _WebContentsShape = Pick<
  Electron.WebContents,
  'send' | 'loadURL' | 'setWindowOpenHandler' | 'reload' | 'isDestroyed' | 'startDrag' | 'replaceMisspelling' | 'getURL'
>
const _wcCheck: (w: StandInWebContents) => _WebContentsShape = (w) => w
void _wcCheck

const windows: StandInBrowserWindow[] = []
let displays: Electron.Rectangle[] = [{ x: 0, y: 0, width: 1920, height: 1080 }]
/** Test side: the monitors attached (work areas). */
export function setDisplays(areas: Electron.Rectangle[]): void {
  displays = areas
}

export class StandInBrowserWindow extends EventEmitter {
  readonly id = nextId++
  readonly webContents = new StandInWebContents()
  readonly progress: number[] = []
  bounds: Electron.Rectangle
  private normalBounds: Electron.Rectangle
  maximized = false
  minimized = false
  focused = false
  visible = false
  destroyed = false
  constructor(readonly options: Electron.BrowserWindowConstructorOptions = {}) {
    super()
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 }
    this.normalBounds = this.bounds
    windows.push(this)
  }
  static getAllWindows = () => windows.filter((w) => !w.destroyed)
  static getFocusedWindow = () => windows.find((w) => !w.destroyed && w.focused) ?? null
  show(): void {
    this.visible = true
    this.emit('show')
  }
  focus(): void {
    this.focused = true
    this.emit('focus')
  }
  blur(): void {
    this.focused = false
    this.emit('blur')
  }
  isFocused = () => this.focused
  isVisible = () => this.visible
  isMinimized = () => this.minimized
  restore(): void {
    this.minimized = false
  }
  isMaximized = () => this.maximized
  /** Fills the primary display's work area, as the OS would; the normal bounds are kept for un-maximizing. */
  maximize(): void {
    if (!this.maximized) this.normalBounds = this.getBounds()
    this.maximized = true
    this.bounds = { ...displays[0]! }
    this.emit('maximize')
  }
  unmaximize(): void {
    if (!this.maximized) return
    this.maximized = false
    this.bounds = { ...this.normalBounds }
    this.emit('unmaximize')
  }
  getBounds = () => ({ ...this.bounds })
  getNormalBounds = () => ({ ...(this.maximized ? this.normalBounds : this.bounds) })
  setBounds(bounds: Partial<Electron.Rectangle>): void {
    this.bounds = { ...this.bounds, ...bounds }
    this.emit('resize')
    this.emit('move')
  }
  setProgressBar(progress: number): void {
    this.progress.push(progress)
  }
  isDestroyed = () => this.destroyed
  close(): void {
    let prevented = false
    this.emit('close', { preventDefault: () => (prevented = true) })
    if (prevented) return
    this.destroyed = true
    this.webContents.destroy()
    this.emit('closed')
  }
}
type _WindowShape = Pick<
  Electron.BrowserWindow,
  | 'show'
  | 'focus'
  | 'isFocused'
  | 'isMinimized'
  | 'restore'
  | 'isMaximized'
  | 'maximize'
  | 'unmaximize'
  | 'getBounds'
  | 'getNormalBounds'
  | 'setBounds'
  | 'setProgressBar'
  | 'isDestroyed'
  | 'close'
>
const _winCheck: (w: StandInBrowserWindow) => _WindowShape = (w) => w
void _winCheck
export { StandInBrowserWindow as BrowserWindow }

export const screen = {
  getAllDisplays: () =>
    displays.map((workArea, i) => ({ id: i, workArea, bounds: workArea }) as unknown as Electron.Display),
  getPrimaryDisplay: () => ({ id: 0, workArea: displays[0]!, bounds: displays[0]! }) as unknown as Electron.Display,
} satisfies Pick<Electron.Screen, 'getAllDisplays' | 'getPrimaryDisplay'>

type IpcHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown
const ipcHandlers = new Map<string, IpcHandler>()
type IpcListener = Parameters<Electron.IpcMain['on']>[1]
const ipcListeners = new Map<string, IpcListener[]>()
export const ipcMain = {
  handle(channel: string, handler: IpcHandler): void {
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    ipcHandlers.set(channel, handler)
  },
  removeHandler(channel: string): void {
    ipcHandlers.delete(channel)
  },
  /** electron-store's constructor registers one (the shell takes it off again); nothing here sends to it. */
  on(channel: string, listener: IpcListener): void {
    ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), listener])
  },
  removeAllListeners(channel?: string): void {
    if (channel === undefined) ipcListeners.clear()
    else ipcListeners.delete(channel)
  },
  /** Test side: a page invokes `channel` from `sender` (its top frame unless told otherwise). */
  async invoke(
    channel: string,
    from: { sender: StandInWebContents; frame?: { url: string; parent: unknown } },
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = ipcHandlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    const event = {
      sender: from.sender,
      senderFrame: from.frame ?? from.sender.mainFrame,
    } as unknown as Electron.IpcMainInvokeEvent
    return handler(event, ...args)
  },
  handlers: ipcHandlers,
  /** Test side: the channels with an `on` listener. */
  listeners: ipcListeners,
} satisfies Pick<Electron.IpcMain, 'handle' | 'removeHandler'> & {
  // Electron's return `this`; the shell never chains them.
  on(...args: Parameters<Electron.IpcMain['on']>): void
  removeAllListeners(...args: Parameters<Electron.IpcMain['removeAllListeners']>): void
} & Record<string, unknown>

export const protocol = {
  registerSchemesAsPrivileged(schemes: Electron.CustomScheme[]): void {
    if (app.isReady()) throw new Error('registerSchemesAsPrivileged must be called before the app is ready')
    recorded.schemes.push(...schemes)
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    recorded.protocolHandlers.set(scheme, handler)
  },
  /** Test side: what the page would get for this URL. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1)
    const handler = recorded.protocolHandlers.get(scheme)
    if (!handler) throw new Error(`no handler for ${scheme}:`)
    return handler(new Request(url, init))
  },
} satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'> & Record<string, unknown>

export class StandInMenu {
  constructor(readonly items: StandInMenuItem[]) {}
  popup(options?: Electron.PopupOptions): void {
    recorded.popups.push({ menu: this, options })
  }
  /** Test side: the item with this label (searched through submenus). */
  find(label: string): StandInMenuItem {
    const found = findItem(this.items, label)
    if (!found) throw new Error(`no menu item "${label}" in ${JSON.stringify(labels(this.items))}`)
    return found
  }
}
export interface StandInMenuItem extends Electron.MenuItemConstructorOptions {
  submenuItems?: StandInMenuItem[]
}
function findItem(items: StandInMenuItem[], label: string): StandInMenuItem | null {
  for (const item of items) {
    if (item.label === label) return item
    const inner = item.submenuItems ? findItem(item.submenuItems, label) : null
    if (inner) return inner
  }
  return null
}
function labels(items: StandInMenuItem[]): unknown[] {
  return items.map((i) =>
    i.submenuItems ? { [i.label ?? i.role ?? '?']: labels(i.submenuItems) } : (i.label ?? i.role ?? i.type),
  )
}
function toItems(template: Electron.MenuItemConstructorOptions[]): StandInMenuItem[] {
  return template.map((item) => {
    const submenu = item.submenu
    return Array.isArray(submenu) ? { ...item, submenuItems: toItems(submenu) } : { ...item }
  })
}
/** Test side: clicks a menu item as the user would, with the focused window. */
export function clickMenuItem(item: StandInMenuItem, window?: StandInBrowserWindow): void {
  if (!item.click) throw new Error(`menu item "${item.label ?? item.role}" has no click handler`)
  if (item.enabled === false) throw new Error(`menu item "${item.label}" is disabled`)
  item.click(item as never, window as never, {} as never)
}
export const Menu = {
  buildFromTemplate: (template: Electron.MenuItemConstructorOptions[]) => new StandInMenu(toItems(template)),
  setApplicationMenu(menu: StandInMenu | null): void {
    recorded.applicationMenu = menu
  },
  getApplicationMenu: () => recorded.applicationMenu,
}

export const shell = {
  async openPath(path: string): Promise<string> {
    recorded.shell.push({ call: 'openPath', target: path })
    return ''
  },
  async openExternal(url: string): Promise<void> {
    recorded.shell.push({ call: 'openExternal', target: url })
  },
  showItemInFolder(path: string): void {
    recorded.shell.push({ call: 'showItemInFolder', target: path })
  },
} satisfies Pick<Electron.Shell, 'openPath' | 'openExternal' | 'showItemInFolder'>

function nextAnswer<T>(kind: string, options: unknown, fallback: T): T {
  recorded.dialogs.push({ kind, options })
  return (dialogAnswers.length > 0 ? dialogAnswers.shift() : fallback) as T
}
const lastArg = (args: unknown[]) => args[args.length - 1]
export const dialog = {
  showMessageBox: async (...args: unknown[]) =>
    nextAnswer('messageBox', lastArg(args), { response: 0, checkboxChecked: false }),
  showSaveDialog: async (...args: unknown[]) => nextAnswer('save', lastArg(args), { canceled: true, filePath: '' }),
  showOpenDialog: async (...args: unknown[]) =>
    nextAnswer('open', lastArg(args), { canceled: true, filePaths: [] as string[] }),
  showErrorBox: (title: string, content: string) =>
    void recorded.dialogs.push({ kind: 'error', options: { title, content } }),
}

export class StandInNotification extends EventEmitter {
  static isSupported = () => true
  shown = false
  constructor(readonly options: Electron.NotificationConstructorOptions) {
    super()
    recorded.notifications.push(this)
  }
  show(): void {
    this.shown = true
  }
  close(): void {}
}
export { StandInNotification as Notification }

export const nativeTheme = Object.assign(new EventEmitter(), {
  themeSource: 'system' as Electron.NativeTheme['themeSource'],
  get shouldUseDarkColors() {
    return this.themeSource === 'dark'
  },
})

class StandInNativeImage {
  constructor(
    readonly path: string,
    readonly size = { width: 0, height: 0 },
  ) {}
  isEmpty = () => !this.path || !existsSync(this.path)
  toPNG = () => (this.isEmpty() ? Buffer.alloc(0) : readFileSync(this.path))
  resize = (options: Electron.ResizeOptions) =>
    new StandInNativeImage(this.path, { width: options.width ?? 0, height: options.height ?? 0 })
}
export const nativeImage = {
  createFromPath: (path: string) => new StandInNativeImage(path),
  createEmpty: () => new StandInNativeImage(''),
}

export class ClipboardItem {
  constructor(readonly items: Record<string, Blob>) {}
}
export const clipboard = {
  async write(items: unknown[]): Promise<void> {
    recorded.clipboard.push(...items)
  },
  writeText: (text: string) => void recorded.clipboard.push(text),
}

export const crashReporter = {
  start(options: Electron.CrashReporterStartOptions): void {
    recorded.crashReporter = options
  },
} satisfies Pick<Electron.CrashReporter, 'start'>

export const safeStorage = {
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptStringAsync: async (plain: string) => Buffer.from(`enc:${plain}`),
  decryptStringAsync: async (cipher: Buffer) => ({
    shouldReEncrypt: false,
    result: cipher.toString().replace(/^enc:/, ''),
  }),
}

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api)
  },
}
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invocations: [] as Array<{ channel: string; args: unknown[] }>,
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args })
    return { ok: true, data: {} }
  },
})

/** Test side: a fresh stand-in (new user-data folder, nothing recorded, app not ready). */
export function resetStandIn(options: { userData?: string; isPackaged?: boolean } = {}): void {
  for (const list of [
    recorded.schemes,
    recorded.popups,
    recorded.shell,
    recorded.notifications,
    recorded.dialogs,
    recorded.badgeCounts,
    recorded.clipboard,
    recorded.exitCodes,
    recorded.dictionaryWords,
  ])
    list.length = 0
  recorded.protocolHandlers.clear()
  recorded.applicationMenu = null
  recorded.permissionRequestHandler = null
  recorded.permissionCheckHandler = null
  recorded.crashReporter = null
  recorded.aboutPanel = null
  recorded.aboutShown = 0
  recorded.appUserModelId = null
  recorded.quitCalls = 0
  dialogAnswers.length = 0
  ipcHandlers.clear()
  ipcListeners.clear()
  windows.length = 0
  displays = [{ x: 0, y: 0, width: 1920, height: 1080 }]
  app.removeAllListeners()
  session.defaultSession.removeAllListeners()
  nativeTheme.removeAllListeners()
  nativeTheme.themeSource = 'system'
  contextBridge.exposed.clear()
  ipcRenderer.removeAllListeners()
  ipcRenderer.invocations.length = 0
  app.isPackaged = options.isPackaged ?? false
  app.dockBadge = ''
  ;(app as unknown as { paths: Map<string, string> }).paths.clear()
  ;(app as unknown as { ready: boolean }).ready = false
  userDataRoot = options.userData ?? join(tmpdir(), `atelier-standin-${process.pid}-${nextId++}`)
  readyPromise = new Promise<void>((resolve) => (readyResolve = resolve))
}

export type { Listener }
export default {
  app,
  session,
  BrowserWindow: StandInBrowserWindow,
  screen,
  ipcMain,
  protocol,
  Menu,
  shell,
  dialog,
  Notification: StandInNotification,
  nativeTheme,
  nativeImage,
  ClipboardItem,
  clipboard,
  crashReporter,
  safeStorage,
  contextBridge,
  ipcRenderer,
}
