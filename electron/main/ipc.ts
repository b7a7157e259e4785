/**
 * Binds the transport-free router to Electron IPC: one request channel handled
 * with the sender checked, one event channel towards our window. The shell's own
 * commands (native menus) are answered here, before the core's router.
 */
import { ipcMain, type BrowserWindow } from 'electron'
import { commands, SHELL_COMMAND_NAMES, type ShellCommandName } from '../../shared/contract'
import type { Result } from '../../shared/result'
import type { z } from 'zod'
import type { Router } from '../core/ipc/router'
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../shared/ipcChannels'
import { isTrustedSender } from './security/validateSender'

export type ShellHandlers = {
  [N in ShellCommandName]: (
    input: z.output<(typeof commands)[N]['input']>,
  ) => Promise<z.input<(typeof commands)[N]['output']>>
}

export function bindIpc(
  router: Router,
  shellHandlers: ShellHandlers,
  getWindow: () => BrowserWindow | null,
  appOrigin: string,
): () => void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    const window = getWindow()
    const ours = window !== null && !window.isDestroyed() && event.sender.id === window.webContents.id
    if (!isTrustedSender(event.senderFrame, ours, appOrigin)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not talk to Atelier.' } }
    }
    if (typeof name === 'string' && (SHELL_COMMAND_NAMES as string[]).includes(name)) {
      return dispatchShell(shellHandlers, name as ShellCommandName, input)
    }
    return router.dispatch(name, input)
  })
  return () => ipcMain.removeHandler(IPC_REQUEST_CHANNEL)
}

async function dispatchShell(
  handlers: ShellHandlers,
  name: ShellCommandName,
  input: unknown,
): Promise<Result<unknown>> {
  const parsed = commands[name].input.safeParse(input ?? {})
  if (!parsed.success)
    return { ok: false, error: { code: 'INVALID_INPUT', message: parsed.error.issues[0]?.message ?? 'Invalid input.' } }
  try {
    return { ok: true, data: await handlers[name](parsed.data) }
  } catch (error) {
    return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } }
  }
}

export function sendEvent(window: BrowserWindow | null, name: string, payload: unknown): void {
  if (window && !window.isDestroyed() && !window.webContents.isDestroyed())
    window.webContents.send(IPC_EVENT_CHANNEL, name, payload)
}
