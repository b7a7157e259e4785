/**
 * The transport-free router: one handler per command, checked at compile time
 * (a missing or extra handler is a type error) and at run time (input parsed with
 * the contract's schema). It never throws: every reply is a Result envelope, so
 * both bindings (ipcMain and the WebSocket host) just forward what it returns.
 */
import { commands, isCommandName, type CommandName, type Commands } from '../../../shared/contract'
import type { IpcError, Result } from '../../../shared/result'
import type { z } from 'zod'
import { toIpcError } from './errors'
import type { Logger } from '../ports'

export type CommandHandlers = {
  [N in CommandName]: (input: z.output<Commands[N]['input']>) => Promise<z.input<Commands[N]['output']>>
}

/** One feature's share of the handler table: exactly these commands, no more, no fewer. */
export type HandlerSlice<N extends CommandName> = Pick<CommandHandlers, N>

/**
 * What every feature folder's `createX(deps)` returns: its handlers, and work
 * that runs while the core does. createCore spreads the slices into one
 * CommandHandlers, so a command nobody handles is a compile error there.
 */
export interface Feature<N extends CommandName> {
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
        const handler = handlers[name] as (input: unknown) => Promise<unknown>
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
