/**
 * The window's size, position and maximized state, kept with electron-store in
 * `window-state.json` in the user-data folder (`name: 'window-state'`: the file
 * the app wrote before it used electron-store, so saved windows carry over) and
 * restored onto a display that is still attached (a window saved on a monitor
 * since unplugged opens centred on the primary one).
 *
 * What the file holds is checked with zod on every read, not with the store's
 * JSON-Schema `schema` option: zod is the one statement of the rule, and a file
 * it refuses just means the default window. `schema` would state the rule a
 * second time (in ajv), throw from `set()` for a value it refuses (the close
 * handler), and throw from the constructor for a file it refuses unless told to
 * clear it. `clearInvalidConfig` is on for the one case zod never sees: a file
 * that is not JSON, which the store then replaces with an empty one instead of
 * refusing to open. Window bounds are disposable; settings.json never gets this
 * (electron/core/settings/openSettingsFile.ts).
 */
import type { BrowserWindow } from 'electron'
import { ipcMain, screen, type Rectangle } from 'electron'
import Store from 'electron-store'
import { z } from 'zod'
import type { Logger } from '../core/ports'

export interface WindowBounds {
  x?: number
  y?: number
  width: number
  height: number
}

const SavedState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
})
type SavedState = z.infer<typeof SavedState>

export const DEFAULT_SIZE = { width: 1280, height: 840 }
/** How much of the window must lie on a display for it to count as visible. */
const MIN_VISIBLE = 120
const SAVE_DELAY_MS = 400
/**
 * electron-store's constructor in the main process answers this channel for
 * renderer-side stores (the userData path and app version, to any sender). No
 * page of ours opens a store, and every channel a page may use is sender-checked
 * (ipc.ts), so the listener is taken off again.
 */
const STORE_RENDERER_CHANNEL = 'electron-store-get-data'

export interface WindowState {
  /** Where the window opens: its saved bounds if valid and on an attached display, else centred on the primary one. */
  readonly initial: { bounds: WindowBounds; maximized: boolean }
  /** Saves the window's state as it changes (debounced) and when it closes. */
  track(window: BrowserWindow): void
}

/** Opens the store (after `userData` is set: the store resolves its folder once, here). */
export function openWindowState(logger: Logger): WindowState {
  let store: Store<Record<string, unknown>> | null = null
  try {
    store = new Store<Record<string, unknown>>({ name: 'window-state', clearInvalidConfig: true })
  } catch (error) {
    // Not JSON is cleared above; what is left is a file the store cannot read or write (a folder, no permission).
    logger.warn({ err: error }, 'window state unavailable: the window opens at its default size and is not saved')
  } finally {
    ipcMain.removeAllListeners(STORE_RENDERER_CHANNEL)
  }
  return {
    initial: restore(store ? readSaved(store, logger) : null),
    track: (window) => {
      if (store) track(window, store, logger)
    },
  }
}

function readSaved(store: Store<Record<string, unknown>>, logger: Logger): SavedState | null {
  try {
    const parsed = SavedState.safeParse(store.store)
    return parsed.success ? parsed.data : null
  } catch (error) {
    logger.warn({ err: error }, 'window state unreadable')
    return null
  }
}

function restore(saved: SavedState | null): WindowState['initial'] {
  if (!saved) return { bounds: centred(DEFAULT_SIZE), maximized: false }
  const onScreen = screen.getAllDisplays().some((d) => overlap(d.workArea, saved) >= MIN_VISIBLE * MIN_VISIBLE)
  if (!onScreen) return { bounds: centred(saved), maximized: saved.maximized }
  return { bounds: { x: saved.x, y: saved.y, width: saved.width, height: saved.height }, maximized: saved.maximized }
}

function centred(size: { width: number; height: number }): WindowBounds {
  const area = screen.getPrimaryDisplay().workArea
  const width = Math.min(size.width, area.width)
  const height = Math.min(size.height, area.height)
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  }
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function track(window: BrowserWindow, store: Store<Record<string, unknown>>, logger: Logger): void {
  let timer: NodeJS.Timeout | null = null
  const save = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (window.isDestroyed()) return
    // The normal bounds, so un-maximizing after a restart returns to the size the user chose.
    const bounds = window.isMaximized() ? window.getNormalBounds() : window.getBounds()
    const state: SavedState = { ...bounds, maximized: window.isMaximized() }
    try {
      // The whole store, replaced: whatever else a damaged file held goes. electron-store writes atomically.
      store.store = state
    } catch (error) {
      logger.warn({ err: error }, 'window state not saved')
    }
  }
  const later = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, SAVE_DELAY_MS)
  }
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', later)
  window.on('close', save)
}
