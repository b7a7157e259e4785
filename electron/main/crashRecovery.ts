/**
 * A renderer that crashed or hung is reloaded, and the user told why. Nothing in
 * flight is lost: every task lives in the core (main process), and the page
 * rebuilds itself from a snapshot when it loads again.
 */
import { dialog, type BrowserWindow } from 'electron'
import type { Logger } from '../core/ports'

/** A page that keeps crashing on load is not reloaded forever. */
const MAX_RELOADS = 3
const RELOAD_WINDOW_MS = 60_000

export function attachCrashRecovery(window: BrowserWindow, logger: Logger): void {
  const reloads: number[] = []
  const contents = window.webContents

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return
    logger.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer gone')
    const now = Date.now()
    while (reloads.length > 0 && now - reloads[0]! > RELOAD_WINDOW_MS) reloads.shift()
    if (reloads.length >= MAX_RELOADS) {
      dialog.showErrorBox(
        'Atelier keeps stopping',
        'The window crashed several times in a row. Your images and running tasks are safe; restart Atelier to try again.',
      )
      return
    }
    reloads.push(now)
    contents.reload()
    void dialog.showMessageBox(window, {
      type: 'warning',
      message: 'Atelier’s window stopped unexpectedly and was reloaded.',
      detail: 'Running tasks kept going in the background; nothing was lost.',
      buttons: ['OK'],
    })
  })

  window.on('unresponsive', () => {
    logger.warn({}, 'renderer unresponsive')
    void dialog
      .showMessageBox(window, {
        type: 'warning',
        message: 'Atelier’s window is not responding.',
        detail: 'Reloading it keeps every task and image; waiting may also help.',
        buttons: ['Reload', 'Wait'],
        defaultId: 0,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (response === 0 && !window.isDestroyed()) contents.reload()
      })
  })
}
