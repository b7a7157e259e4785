/**
 * The main-thread face of a core that runs in a worker thread. It has the same
 * `Core` shape as `createCore`, so a host swaps one call for the other; the main
 * thread only routes: commands go to the worker as messages, replies and events
 * come back, and the ports only this thread can serve (safeStorage, Notification,
 * the window's desktop actions) answer the worker's calls.
 *
 * A worker that dies (an uncaught error, `process.exit`, out of memory) is
 * reported — logged, and `app.coreRestarted` to the page — and started again on
 * the same library: writes are durable in SQLite before they are acknowledged,
 * so only commands in flight at that moment are lost, and each of them is
 * answered with CORE_RESTARTED instead of being left hanging.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import { isEventName, type AppInfo, type EventName, type EventPayload } from '../../../shared/contract'
import type { Result } from '../../../shared/result'
import type { Core, CoreOptions } from '../createCore'
import { resolveLibraryPath } from '../db'
import type { CorePorts, Logger } from '../ports'
import { FromWorker, type PortCall, type ToWorker, type WorkerSetup } from './protocol'
import { createSearchQueue, searchTermOf } from './searchQueue'

/** The platform ports; the logger's output, the clock and the settings file are the worker's own. */
export type CoreWorkerPorts = Omit<CorePorts, 'store' | 'clock'> & {
  /** Folder of `settings.json`, written with conf in the worker (fileStore.ts). Electron: userData. Default: the library folder. */
  settingsDir?: string
}

export interface CoreWorkerOptions extends CoreOptions {
  /** The worker's entry file; default: entry.ts next to this file (run from source via tsx). */
  entry?: string
  /** Heap limits for the worker (node:worker_threads `resourceLimits`); past them it dies and is restarted. */
  resourceLimits?: ResourceLimits
  /** Restarts allowed within RESTART_WINDOW_MS before the core stays down. */
  maxRestarts?: number
}

const RESTART_WINDOW_MS = 60_000
const DEFAULT_MAX_RESTARTS = 5

export const CORE_RESTARTED = {
  code: 'CORE_RESTARTED',
  message:
    'The library stopped unexpectedly while this was running and has been restarted. Check the library before trying again.',
} as const
const CORE_DOWN = {
  code: 'CORE_DOWN',
  message: 'The library stopped and could not be restarted. Restart Atelier.',
} as const

function defaultEntry(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'entry.ts')
}

/** A .ts entry needs tsx in the worker too (vitest and `npm run browser` run from source). */
function execArgvFor(entry: string): string[] {
  const inherited = process.execArgv
  if (!entry.endsWith('.ts')) return inherited
  const hasTsx = inherited.some((arg, i) => arg === 'tsx' && inherited[i - 1] === '--import')
  return hasTsx ? inherited : [...inherited, '--import', 'tsx']
}

interface Thread {
  worker: Worker
  /** Replies awaited from this worker, by message id. */
  pending: Map<number, (result: Result<unknown>) => void>
  done: Map<number, (error: string | null) => void>
  ready: Promise<void>
  exited: boolean
}

export async function startCoreWorker(ports: CoreWorkerPorts, options: CoreWorkerOptions = {}): Promise<Core> {
  const { logger } = ports
  const entry = options.entry ?? defaultEntry()
  const setup: WorkerSetup = {
    dataDir: ports.dataDir,
    settingsDir: ports.settingsDir ?? ports.dataDir,
    appVersion: ports.appVersion,
    platform: ports.platform,
    transport: ports.transport,
    hasDesktop: ports.desktop !== undefined,
    ...(ports.env ? { env: dropUndefined(ports.env) } : {}),
    ...(options.testNetworkAllowance
      ? { testNetworkAllowance: { reachableAddresses: [...options.testNetworkAllowance.reachableAddresses] } }
      : {}),
    ...(options.engineTuning
      ? { engineTuning: dropUndefined(options.engineTuning as Record<string, number | undefined>) }
      : {}),
  }
  const maxRestarts = options.maxRestarts ?? DEFAULT_MAX_RESTARTS
  const children = new Map<string, Logger>()
  const childLogger = (bindings: Record<string, unknown>): Logger => {
    const key = JSON.stringify(bindings)
    if (key === '{}') return logger
    let child = children.get(key)
    if (!child) children.set(key, (child = logger.child(bindings)))
    return child
  }

  let info: AppInfo | null = null
  let nextId = 0
  let started = false
  let stopping = false
  let down = false
  const crashes: number[] = []

  async function servePort(thread: Thread, id: number, call: PortCall): Promise<void> {
    let result: Result<unknown>
    try {
      const target = (call.port === 'cipher' ? ports.cipher : ports.desktop) as
        Record<string, (...args: unknown[]) => unknown> | undefined
      const method = target?.[call.method]
      if (!target || typeof method !== 'function') throw new Error(`No ${call.port}.${call.method} here.`)
      result = { ok: true, data: await method.apply(target, call.args) }
    } catch (error) {
      result = {
        ok: false,
        error: { code: 'PORT_FAILED', message: error instanceof Error ? error.message : String(error) },
      }
    }
    if (!thread.exited) thread.worker.postMessage({ type: 'portReply', id, result } satisfies ToWorker)
  }

  function spawn(): Thread {
    const worker = new Worker(entry, {
      workerData: setup,
      execArgv: execArgvFor(entry),
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    })
    let settle: { resolve: () => void; reject: (error: Error) => void } = { resolve: () => {}, reject: () => {} }
    const thread: Thread = {
      worker,
      pending: new Map(),
      done: new Map(),
      ready: new Promise<void>((resolve, reject) => (settle = { resolve, reject })),
      exited: false,
    }
    worker.on('message', (raw: unknown) => {
      const parsed = FromWorker.safeParse(raw)
      if (!parsed.success) {
        logger.warn({ issue: parsed.error.issues[0]?.message }, 'unreadable message from the core worker')
        return
      }
      const message = parsed.data
      switch (message.type) {
        case 'ready':
          info = message.info
          settle.resolve()
          return
        case 'failed':
          settle.reject(Object.assign(new Error(message.message), { name: message.name }))
          return
        case 'reply': {
          info = message.info
          const resolve = thread.pending.get(message.id)
          thread.pending.delete(message.id)
          resolve?.(message.result as Result<unknown>)
          return
        }
        case 'done': {
          info = message.info
          const resolve = thread.done.get(message.id)
          thread.done.delete(message.id)
          resolve?.(message.error)
          return
        }
        case 'event':
          if (isEventName(message.name)) ports.events.emit(message.name, message.payload as EventPayload<EventName>)
          return
        case 'notify':
          ports.notifier.notify(message.title, message.body, message.options)
          return
        case 'log':
          childLogger(message.bindings)[message.level](message.obj, message.msg)
          return
        case 'portCall':
          void servePort(thread, message.id, message.call)
      }
    })
    worker.on('error', (error) => logger.error({ err: error }, 'the core worker failed'))
    worker.on('exit', (exitCode) => {
      thread.exited = true
      settle.reject(new Error(`The core worker exited (code ${exitCode}) before it was ready.`))
      for (const resolve of thread.pending.values()) resolve({ ok: false, error: { ...CORE_RESTARTED } })
      thread.pending.clear()
      for (const resolve of thread.done.values()) resolve(`The core worker exited (code ${exitCode}).`)
      thread.done.clear()
      if (!stopping && current === thread) void recover(exitCode)
    })
    return thread
  }

  let current = spawn()
  try {
    await current.ready
  } catch (error) {
    // Could not build the core (e.g. the library is in use): nothing to restart, say why.
    stopping = true
    await current.worker.terminate()
    throw error
  }

  async function recover(exitCode: number): Promise<void> {
    const now = Date.now()
    crashes.push(now)
    while (crashes.length > 0 && crashes[0]! < now - RESTART_WINDOW_MS) crashes.shift()
    logger.error({ exitCode, crashes: crashes.length }, 'the core worker stopped unexpectedly')
    if (crashes.length > maxRestarts) {
      down = true
      logger.error({ maxRestarts }, 'the core worker keeps stopping; not restarting it again')
      ports.events.emit('app.coreRestarted', { restarted: false, message: CORE_DOWN.message })
      return
    }
    const thread = spawn()
    current = thread
    try {
      await thread.ready
      if (started) await control(thread, 'start')
      logger.info({ exitCode }, 'the core worker was restarted')
      ports.events.emit('app.coreRestarted', {
        restarted: true,
        message: 'The library stopped unexpectedly and was restarted.',
      })
    } catch (error) {
      // The exit handler of this thread schedules the next attempt (or gives up).
      logger.error({ err: error }, 'the restarted core worker did not come up')
      if (!thread.exited) await thread.worker.terminate()
    }
  }

  function control(thread: Thread, type: 'start' | 'stop'): Promise<void> {
    return new Promise((resolve, reject) => {
      const id = ++nextId
      thread.done.set(id, (error) => (error === null ? resolve() : reject(new Error(error))))
      thread.worker.postMessage({ type, id } satisfies ToWorker)
    })
  }

  async function send(name: unknown, input: unknown): Promise<Result<unknown>> {
    if (down) return { ok: false, error: { ...CORE_DOWN } }
    const thread = current
    try {
      await thread.ready
    } catch {
      return { ok: false, error: { ...CORE_RESTARTED } }
    }
    if (thread.exited) return { ok: false, error: { ...CORE_RESTARTED } }
    return new Promise((resolve) => {
      const id = ++nextId
      thread.pending.set(id, resolve)
      try {
        thread.worker.postMessage({ type: 'request', id, name: String(name), input } satisfies ToWorker)
      } catch {
        thread.pending.delete(id)
        resolve({ ok: false, error: { code: 'INVALID_INPUT', message: 'The request could not be read.' } })
      }
    })
  }

  const searches = createSearchQueue()
  const dataDir = ports.dataDir

  return {
    router: {
      dispatch(name, input) {
        const term = searchTermOf(name, input)
        return term === null ? send(name, input) : searches.submit(term, () => send(name, input))
      },
    },
    resolveMediaPath: (relativePath) => resolveLibraryPath(dataDir, relativePath),
    info: () => info as AppInfo,
    async start() {
      started = true
      await control(current, 'start')
    },
    async stop() {
      stopping = true
      const thread = current
      if (thread.exited) return
      try {
        await control(thread, 'stop')
      } catch (error) {
        // Died while stopping: what it had acknowledged is on disk already.
        logger.warn({ err: error }, 'the core worker stopped before it finished stopping')
      } finally {
        await thread.worker.terminate()
      }
    },
  }
}

function dropUndefined<T extends Record<string, unknown>>(record: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as never
}
