/**
 * The worker side: builds the whole core (SQLite, the engine, downloads,
 * thumbnails) inside this thread and answers the main thread's messages. The
 * logger, clock and settings file are local; the cipher, notifier, desktop
 * actions and events are the main thread's, reached over the port.
 */
import type { MessagePort } from 'node:worker_threads'
import { isEventName, type EventName, type EventPayload } from '../../../shared/contract'
import { createCore, type Core } from '../createCore'
import { systemClock, type DesktopPort, type Logger, type SecretCipher } from '../ports'
import { createFileStore } from './fileStore'
import type { FromWorker } from './protocol'
import { ToWorker, WorkerSetup, type PortCall } from './protocol'

/** Anything a structured clone cannot carry (functions, sockets) becomes its text; errors keep message and stack. */
function cloneable(obj: object): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(obj)) {
    if (value instanceof Error)
      out[key] = {
        type: value.name,
        message: value.message,
        stack: value.stack,
        code: (value as { code?: unknown }).code,
      }
    else if (typeof value === 'function' || typeof value === 'symbol') out[key] = String(value)
    else out[key] = value
  }
  return out
}

export async function serveCore(port: MessagePort, rawSetup: unknown): Promise<void> {
  const setup = WorkerSetup.parse(rawSetup)
  const send = (message: FromWorker): void => {
    try {
      port.postMessage(message)
    } catch (error) {
      // A payload a structured clone cannot carry: say so instead of losing the message silently.
      if (message.type === 'log') port.postMessage({ ...message, obj: { unserializable: String(error) } })
      else throw error
    }
  }

  const logger = (bindings: Record<string, unknown>): Logger => {
    const at = (level: 'debug' | 'info' | 'warn' | 'error') => (obj: object, msg?: string) =>
      send({ type: 'log', level, bindings, obj: cloneable(obj), ...(msg === undefined ? {} : { msg }) })
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (more) => logger({ ...bindings, ...more }),
    }
  }

  let nextCall = 0
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  const call = (portCall: PortCall): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = ++nextCall
      waiting.set(id, { resolve, reject })
      send({ type: 'portCall', id, call: portCall })
    })
  const tell = (portCall: PortCall): void => void call(portCall).catch(() => {})

  const cipher: SecretCipher = {
    isAvailable: async () => (await call({ port: 'cipher', method: 'isAvailable', args: [] })) === true,
    encrypt: async (plain) => call({ port: 'cipher', method: 'encrypt', args: [plain] }) as Promise<Uint8Array>,
    decrypt: async (data) => call({ port: 'cipher', method: 'decrypt', args: [data] }) as Promise<string>,
  }
  const desktop: DesktopPort = {
    copyImage: async (path) => void (await call({ port: 'desktop', method: 'copyImage', args: [path] })),
    saveAs: async (path, name) =>
      call({ port: 'desktop', method: 'saveAs', args: [path, name] }) as Promise<string | null>,
    reveal: (path) => tell({ port: 'desktop', method: 'reveal', args: [path] }),
    startDrag: (paths, icon) => tell({ port: 'desktop', method: 'startDrag', args: [paths, icon] }),
    chooseFolder: async (purpose) =>
      call({ port: 'desktop', method: 'chooseFolder', args: [purpose] }) as Promise<string | null>,
  }

  let core: Core | null = null
  port.on('message', (raw: unknown) => {
    const parsed = ToWorker.safeParse(raw)
    if (!parsed.success) return
    const message = parsed.data
    if (message.type === 'portReply') {
      const pending = waiting.get(message.id)
      waiting.delete(message.id)
      if (message.result.ok) pending?.resolve(message.result.data)
      else pending?.reject(Object.assign(new Error(message.result.error.message), { code: message.result.error.code }))
      return
    }
    const current = core
    if (!current) return
    if (message.type === 'request') {
      void current.router
        .dispatch(message.name, message.input)
        .then((result) => send({ type: 'reply', id: message.id, result, info: current.info() }))
      return
    }
    const work = message.type === 'start' ? current.start() : current.stop()
    void work.then(
      () => send({ type: 'done', id: message.id, error: null, info: current.info() }),
      (error: unknown) =>
        send({
          type: 'done',
          id: message.id,
          error: error instanceof Error ? error.message : String(error),
          info: current.info(),
        }),
    )
  })

  try {
    const settingsFile = createFileStore(setup.settingsDir)
    core = await createCore(
      {
        dataDir: setup.dataDir,
        logger: logger({}),
        cipher,
        events: {
          emit<E extends EventName>(name: E, payload: EventPayload<E>) {
            if (isEventName(name)) send({ type: 'event', name, payload })
          },
        },
        notifier: {
          notify: (title, body, options) => send({ type: 'notify', title, body, ...(options ? { options } : {}) }),
        },
        clock: systemClock,
        store: settingsFile.store,
        startupNotices: settingsFile.notices,
        appVersion: setup.appVersion,
        platform: setup.platform,
        transport: setup.transport,
        ...(setup.hasDesktop ? { desktop } : {}),
        env: setup.env,
      },
      {
        engineTuning: setup.engineTuning,
        ...(setup.testNetworkAllowance ? { testNetworkAllowance: setup.testNetworkAllowance } : {}),
      },
    )
    send({ type: 'ready', info: core.info() })
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error))
    send({ type: 'failed', message: failure.message, name: failure.name })
  }
}
