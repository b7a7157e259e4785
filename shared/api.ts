/**
 * Builds the typed Atelier API from a transport. `window.atelier` is the raw
 * transport, installed by the preload (over ipcRenderer) or by the browser-mode
 * bridge (over a WebSocket); the renderer wraps it once with this function, so it
 * sees one typed API whatever it runs in. (The wrapping happens in the page, not
 * in the preload, because contextBridge drops custom fields of thrown errors.) Inputs are checked before they
 * leave, replies and events are checked when they arrive: the renderer never
 * trusts what comes over the wire.
 */
import {
  commands,
  events,
  isEventName,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EventName,
  type EventPayload,
} from './contract'
import { AtelierError, ResultEnvelope } from './result'

/** What a transport must provide: raw request/reply, raw events, media URLs. */
export interface Transport {
  readonly kind: 'electron' | 'browser'
  request(name: CommandName, input: unknown): Promise<unknown>
  /** Registers the single raw event listener; returns an unsubscribe function. */
  listen(listener: (name: string, payload: unknown) => void): () => void
  /** Library-relative path (`images/…`) → a URL the page can load. */
  mediaUrl(path: string): string
  /**
   * Called after the link to the core came back (browser mode's socket
   * reconnected), when events may have been missed. Electron IPC never drops.
   */
  onReconnect?(listener: () => void): () => void
}

export interface AtelierApi {
  readonly transport: 'electron' | 'browser'
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void
  mediaUrl(path: string): string
  /** See Transport.onReconnect; a no-op where the transport never drops. */
  onReconnect(listener: () => void): () => void
}

export function createAtelierApi(transport: Transport): AtelierApi {
  const handlers = new Map<EventName, Set<(payload: never) => void>>()

  transport.listen((name, payload) => {
    if (!isEventName(name)) return
    const set = handlers.get(name)
    if (!set || set.size === 0) return
    const parsed = events[name].safeParse(payload)
    if (!parsed.success) {
      console.warn(`[atelier] dropped malformed event ${name}`, parsed.error.issues)
      return
    }
    for (const handler of set) (handler as (p: unknown) => void)(parsed.data)
  })

  return {
    transport: transport.kind,
    async invoke(name, input) {
      const spec = commands[name]
      const checked = spec.input.safeParse(input)
      if (!checked.success) {
        throw new AtelierError({
          code: 'INVALID_INPUT',
          message: checked.error.issues[0]?.message ?? 'Invalid input.',
          data: { issues: checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
        })
      }
      const raw = await transport.request(name, checked.data)
      const envelope = ResultEnvelope.safeParse(raw)
      if (!envelope.success) {
        throw new AtelierError({ code: 'BAD_REPLY', message: `The app sent a malformed reply to ${name}.` })
      }
      if (!envelope.data.ok) throw new AtelierError(envelope.data.error)
      const output = spec.output.safeParse(envelope.data.data)
      if (!output.success) {
        throw new AtelierError({ code: 'BAD_REPLY', message: `The app sent an unexpected reply to ${name}.` })
      }
      return output.data as never
    },
    on(event, handler) {
      let set = handlers.get(event)
      if (!set) handlers.set(event, (set = new Set()))
      set.add(handler as (payload: never) => void)
      return () => {
        set.delete(handler as (payload: never) => void)
      }
    },
    mediaUrl: (path) => transport.mediaUrl(path),
    onReconnect: (listener) => transport.onReconnect?.(listener) ?? (() => {}),
  }
}

declare global {
  interface Window {
    /** The raw transport; wrap it with createAtelierApi. */
    atelier: Transport
  }
}
