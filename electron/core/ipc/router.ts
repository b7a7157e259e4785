/**
 * The transport-free router: one handler per command, checked at compile time
 * (a missing or extra handler is a type error) and at run time (input parsed with
 * the contract's schema). It never throws: every reply is a Result envelope, so
 * both bindings (ipcMain and the WebSocket host) just forward what it returns.
 */
import {
  commands,
  isCommandName,
  SHELL_COMMAND_NAMES,
  type CommandName,
  type Commands,
  type ShellCommandName,
} from '../../../shared/contract'
import type { IpcError, Result } from '../../../shared/result'
import type { z } from 'zod'
import { toIpcError } from './errors'
import type { Logger } from '../ports'

/** The core answers every command but the Electron shell's own (menus). */
export type CoreCommandName = Exclude<CommandName, ShellCommandName>

export type CommandHandlers = {
  [N in CoreCommandName]: (input: z.output<Commands[N]['input']>) => Promise<z.input<Commands[N]['output']>>
}

/** One feature's share of the handler table: exactly these commands, no more, no fewer. */
export type HandlerSlice<N extends CoreCommandName> = Pick<CommandHandlers, N>

/**
 * What every feature folder's `createX(deps)` returns: its handlers, and work
 * that runs while the core does. createCore spreads the slices into one
 * CommandHandlers, so a command nobody handles is a compile error there.
 */
export interface Feature<N extends CoreCommandName> {
  handlers: HandlerSlice<N>
  start?(): void | Promise<void>
  stop?(): void | Promise<void>
}

export interface Router {
  dispatch(name: unknown, input: unknown): Promise<Result<unknown>>
}

export function createRouter(handlers: CommandHandlers, logger: Logger): Router {
  return {
    async dispatch(name, input) {
      if (!isCommandName(name)) {
        return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: 'Unknown command.' } }
      }
      if ((SHELL_COMMAND_NAMES as string[]).includes(name)) {
        return { ok: false, error: { code: 'NOT_AVAILABLE', message: 'This needs the desktop app.' } }
      }
      const spec = commands[name]
      const parsed = spec.input.safeParse(input ?? {})
      if (!parsed.success) {
        const error: IpcError = {
          code: 'INVALID_INPUT',
          message: parsed.error.issues[0]?.message ?? 'Invalid input.',
          data: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
        }
        return { ok: false, error }
      }
      try {
        const handler = handlers[name as CoreCommandName] as (input: unknown) => Promise<unknown>
        const output = spec.output.parse(await handler(parsed.data))
        return { ok: true, data: output }
      } catch (error) {
        const ipcError = toIpcError(error)
        if (ipcError.code === 'INTERNAL') logger.error({ err: error, command: name }, 'command failed')
        else logger.debug({ code: ipcError.code, command: name }, 'command refused')
        return { ok: false, error: ipcError }
      }
    },
  }
}
