/**
 * Binds the transport-free router to Electron IPC: one request channel handled
 * with the sender checked, one event channel towards our window.
 */
import { ipcMain, type BrowserWindow } from 'electron'
import type { Router } from '../core/ipc/router'
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from './channels'
import { isTrustedSender } from './security/validateSender'

export function bindIpc(router: Router, getWindow: () => BrowserWindow | null, appUrl: () => string): () => void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event, name: unknown, input: unknown) => {
    const window = getWindow()
    const ours = window !== null && !window.isDestroyed() && event.sender.id === window.webContents.id
    if (!isTrustedSender(event.senderFrame, ours, appUrl())) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not talk to Atelier.' } }
    }
    return router.dispatch(name, input)
  })
  return () => ipcMain.removeHandler(IPC_REQUEST_CHANNEL)
}

export function sendEvent(window: BrowserWindow | null, name: string, payload: unknown): void {
  if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload)
}
