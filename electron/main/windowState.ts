/**
 * The window's size, position and maximized state, kept in `window-state.json`
 * in the user-data folder and restored onto a display that is still attached
 * (a window saved on a monitor since unplugged opens centred on the primary one).
 */
import type { BrowserWindow } from 'electron'
import { screen, type Rectangle } from 'electron'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'

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

export function readWindowState(file: string): { bounds: WindowBounds; maximized: boolean } {
  let saved: SavedState | null = null
  try {
    const parsed = SavedState.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    saved = parsed.success ? parsed.data : null
  } catch {
    saved = null
  }
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

/** Saves the window's state as it changes (debounced) and when it closes; written atomically. */
export function trackWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | null = null
  const save = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (window.isDestroyed()) return
    // The normal bounds, so un-maximizing after a restart returns to the size the user chose.
    const bounds = window.isMaximized() ? window.getNormalBounds() : window.getBounds()
    const state: SavedState = { ...bounds, maximized: window.isMaximized() }
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(`${file}.tmp`, JSON.stringify(state))
    renameSync(`${file}.tmp`, file)
  }
  const later = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, SAVE_DELAY_MS)
  }
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', later)
  window.on('close', save)
}
