/**
 * Ports: the small interfaces through which the core reaches the platform.
 * electron/main implements them with Electron (safeStorage, Notification,
 * app.getPath); the browser-mode host and the tests implement them in plain
 * Node. The core never imports `electron`.
 */
import type { EventName, EventPayload, StartupNotice } from '../../shared/contract'

/** Structured logger (pino-compatible subset). Never pass the API key to it. */
export interface Logger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
  child(bindings: Record<string, unknown>): Logger
}

/** Encrypts the API key at rest. Electron: safeStorage. Browser mode: unavailable. */
export interface SecretCipher {
  /** False when the platform offers no real encryption (e.g. Linux `basic_text`). */
  isAvailable(): Promise<boolean>
  encrypt(plain: string): Promise<Uint8Array>
  decrypt(cipher: Uint8Array): Promise<string>
  /**
   * Optional: decrypt and say whether the platform wants the ciphertext
   * rewritten (safeStorage's `shouldReEncrypt`, after a keychain key rotation).
   * The vault uses it when present and re-encrypts at once.
   */
  decryptChecked?(cipher: Uint8Array): Promise<{ plain: string; shouldReEncrypt: boolean }>
}

/** Delivers contract events to whoever is listening (one window, or WebSocket clients). */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

/** System notifications ("3 images are ready"). A no-op where there are none. */
export interface Notifier {
  /** `generationId`: the image the notice is about, so clicking it can show that image. */
  notify(title: string, body: string, options?: NotifyOptions): void
}

export interface NotifyOptions {
  generationId?: string
}

/** Time, injectable so the scheduler can be tested with fake time. */
export interface Clock {
  now(): number
}

/** Key/value settings persisted on disk (conf in the core's worker, in the app and in browser mode: worker/fileStore.ts). */
export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

/**
 * What only a desktop shell can do with a library file (Electron: clipboard,
 * dialog, shell, webContents.startDrag). Absent in browser mode, where the page
 * falls back to the web's own ways (Clipboard API, a download link, HTML drag).
 * Paths are absolute and already checked to be inside the library.
 */
export interface DesktopPort {
  /** Puts the image itself (not its path) on the system clipboard. */
  copyImage(absolutePath: string): Promise<void>
  /** The native save dialog, then a copy of the file there; null when the user cancelled. */
  saveAs(absolutePath: string, suggestedName: string): Promise<string | null>
  /** Shows the file selected in the system's file manager. */
  reveal(absolutePath: string): void
  /** A native file drag out of the window (to a folder, a mail, another app); call during the page's dragstart. */
  startDrag(absolutePaths: string[], iconPath: string): void
  /** The native folder picker (export destination, import source); null when cancelled. */
  chooseFolder(purpose: 'export' | 'import'): Promise<string | null>
}

export interface CorePorts {
  /** The library folder: database, images/, thumbs/, refs/. */
  dataDir: string
  logger: Logger
  cipher: SecretCipher
  events: EventSink
  notifier: Notifier
  clock: Clock
  store: KeyValueStore
  appVersion: string
  platform: string
  transport: 'electron' | 'browser'
  /** Desktop-only file actions (Electron); undefined in browser mode and in tests. */
  desktop?: DesktopPort
  /** What the shell repaired before the core started (a damaged settings file set aside); shown via app.info. */
  startupNotices?: StartupNotice[]
  /** Overrides from the environment (ATELIER_API_BASE_URL, ATELIER_API_KEY). */
  env?: {
    apiBaseUrl?: string | undefined
    apiKey?: string | undefined
  }
}

export const systemClock: Clock = { now: () => Date.now() }

export const silentNotifier: Notifier = { notify: () => {} }
