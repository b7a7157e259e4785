/**
 * A scripted transport for store tests: replies come from plain handler
 * functions, events are emitted by hand. The API on top is the real
 * createAtelierApi, so inputs, replies and events are validated as in the app.
 */
import { createAtelierApi, type AtelierApi, type Transport } from '../../../shared/api'
import type { CommandName, commands, EventName, EventPayload } from '../../../shared/contract'
import type { z } from 'zod'
import { AtelierError } from '../../../shared/result'

type Handler<N extends CommandName> = (
  input: z.output<(typeof commands)[N]['input']>,
) => z.input<(typeof commands)[N]['output']> | Promise<z.input<(typeof commands)[N]['output']>>

export type FakeHandlers = { [N in CommandName]?: Handler<N> }

export interface FakeCore {
  api: AtelierApi
  calls: Array<{ name: CommandName; input: unknown }>
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  callsOf(name: CommandName): unknown[]
}

export function createFakeCore(handlers: FakeHandlers): FakeCore {
  const listeners = new Set<(name: string, payload: unknown) => void>()
  const calls: FakeCore['calls'] = []
  const transport: Transport = {
    kind: 'browser',
    async request(name, input) {
      calls.push({ name, input })
      const handler = handlers[name] as ((input: unknown) => unknown) | undefined
      if (!handler) return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `No fake for ${name}.` } }
      try {
        return { ok: true, data: await handler(input) }
      } catch (error) {
        if (error instanceof AtelierError)
          return { ok: false, error: { code: error.code, message: error.message, data: error.data } }
        throw error
      }
    },
    listen(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    mediaUrl: (path) => `media:///${path}`,
  }
  return {
    api: createAtelierApi(transport),
    calls,
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload)
    },
    callsOf: (name) => calls.filter((call) => call.name === name).map((call) => call.input),
  }
}

/** Resolves once `check` passes (bounded), for state that settles after a promise chain. */
export async function until(check: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`Timed out waiting for ${what}`)
}
