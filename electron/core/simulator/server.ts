/**
 * The demo simulator: a loopback `node:http` server that speaks the documented
 * runblob API (see runblob-api.md) and misbehaves on request. Demo mode, `npm
 * run simulator` and every integration test run against it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { GENERATE_PATH, handleGenerate, handleStatus, STATUS_PREFIX } from './api'
import { createDice } from './dice'
import { mergeFaults, NO_FAULTS } from './faults'
import { FILE_PATH, handleFile } from './files'
import { bodyForRecord, readBody, recordHeaders, send, sendJson, type Exchange } from './http'
import { formatMicros, toMicros } from './money'
import type { SimulatorState } from './state'
import { describeTask } from './tasks'
import type { RecordedRequest, Simulator, SimulatorOptions } from './types'

/** The key the simulator accepts unless told otherwise (Demo mode uses it). */
export const DEMO_API_KEY = 'sim-key'

const DEFAULT_SEED = 0x5eed
const DEFAULT_MAX_BODY = 64 * 1024 * 1024

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const price = options.price ?? '0.0400'
  const state: SimulatorState = {
    baseUrl: '',
    apiKeys: new Set(options.apiKeys ?? [DEMO_API_KEY]),
    price,
    priceMicros: toMicros(price),
    credits: options.credits == null ? null : toMicros(options.credits),
    timings: { pendingMs: options.pendingMs ?? 1500, processingMs: options.processingMs ?? 3000 },
    timingsFor: options.timingsFor ?? null,
    moderationTrigger: options.moderationTrigger === undefined ? /\bforbidden\b/i : options.moderationTrigger,
    longEdge: options.resultLongEdge ?? 1024,
    extraFields: options.extraFields ?? true,
    faults: mergeFaults(NO_FAULTS, options.faults ?? {}),
    dice: createDice(options.seed ?? DEFAULT_SEED),
    tasks: new Map(),
    renders: new Map(),
  }
  const maxRecorded = options.maxRecordedRequests ?? 1000
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  const requests: RecordedRequest[] = []
  const timers = new Set<NodeJS.Timeout>()

  const wait = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer)
            resolve()
          }, ms)
          timers.add(timer)
        })

  async function dispatch(exchange: Exchange, pathname: string): Promise<void> {
    if (pathname === GENERATE_PATH) return handleGenerate(state, exchange)
    if (pathname.startsWith(STATUS_PREFIX) && pathname.length > STATUS_PREFIX.length) {
      return handleStatus(state, exchange, pathname.slice(STATUS_PREFIX.length))
    }
    const file = FILE_PATH.exec(pathname)
    if (file) return handleFile(state, exchange, file[1] ?? '')
    sendJson(exchange, 404, { detail: 'Not Found' })
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const bodyText = await readBody(req, maxBodyBytes)
    const record: RecordedRequest = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path: pathname,
      headers: recordHeaders(req),
      body: bodyForRecord(bodyText),
      responseStatus: 0,
    }
    requests.push(record)
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded)
    const exchange: Exchange = { req, res, record, bodyText }
    // Latency comes first and the request is processed even if the client gave
    // up meanwhile: a timed-out POST may still create (and charge) a task.
    await wait(state.faults.latencyMs)
    await dispatch(exchange, pathname)
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      const exchange: Exchange = {
        req,
        res,
        record: { at: Date.now(), method: '', path: '', headers: {}, body: null, responseStatus: 0 },
        bodyText: null,
      }
      send(exchange, 500, 'Internal simulator error', { 'content-type': 'text/plain' })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  state.baseUrl = `http://127.0.0.1:${port}`

  const taskOrThrow = (taskUuid: string) => {
    const task = state.tasks.get(taskUuid)
    if (!task) throw new Error(`simulator: no task ${taskUuid}`)
    return task
  }

  return {
    url: state.baseUrl,
    port,
    requests,
    tasks: () => [...state.tasks.values()].map((task) => describeTask(task, Date.now(), state.baseUrl)),
    setFaults(faults) {
      state.faults = mergeFaults(state.faults, faults)
    },
    setCredits(credits) {
      state.credits = credits === null ? null : toMicros(credits)
    },
    credits: () => (state.credits === null ? null : formatMicros(state.credits)),
    setTimings({ pendingMs, processingMs }) {
      state.timings = {
        pendingMs: pendingMs ?? state.timings.pendingMs,
        processingMs: processingMs ?? state.timings.processingMs,
      }
    },
    failTask(taskUuid, message) {
      taskOrThrow(taskUuid).forced = { status: 'failed', message, at: Date.now() }
    },
    forceStatus(taskUuid, status, message = null) {
      taskOrThrow(taskUuid).forced = { status, message, at: Date.now() }
    },
    clearRequests() {
      requests.length = 0
    },
    close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Keep-alive sockets would otherwise hold close() open for seconds.
        server.closeAllConnections()
      })
    },
  }
}
