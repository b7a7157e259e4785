/**
 * The messages between the main thread and the core's worker thread. Both sides
 * parse what arrives with these schemas (a message port is a process boundary
 * in all but name). Command inputs, replies and event payloads stay `unknown`
 * here: the router parses inputs and outputs against the contract, and the
 * page parses every event it receives.
 */
import { z } from 'zod'
import { AppInfo } from '../../../shared/contract'
import { IpcError } from '../../../shared/result'

/** What the worker needs to build the core; everything else comes from the main side as proxied ports. */
export const WorkerSetup = z.object({
  dataDir: z.string(),
  /** Folder of `settings.json`, which the worker writes with conf (fileStore.ts); in the app, userData. */
  settingsDir: z.string(),
  appVersion: z.string(),
  platform: z.string(),
  transport: z.enum(['electron', 'browser']),
  hasDesktop: z.boolean(),
  env: z.object({ apiBaseUrl: z.string().optional(), apiKey: z.string().optional() }).optional(),
  engineTuning: z.record(z.string(), z.number()).optional(),
  /** Test-only (CoreOptions.testNetworkAllowance): plain data, so it crosses as is. */
  testNetworkAllowance: z.object({ reachableAddresses: z.array(z.string()) }).optional(),
})
export type WorkerSetup = z.infer<typeof WorkerSetup>

const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcError }),
])

/** The ports only the main thread can provide (safeStorage, Notification, the window's desktop actions). */
export const PortCall = z.discriminatedUnion('port', [
  z.object({
    port: z.literal('cipher'),
    method: z.enum(['isAvailable', 'encrypt', 'decrypt']),
    args: z.array(z.unknown()),
  }),
  z.object({
    port: z.literal('desktop'),
    method: z.enum(['copyImage', 'saveAs', 'reveal', 'startDrag', 'chooseFolder']),
    args: z.array(z.unknown()),
  }),
])
export type PortCall = z.infer<typeof PortCall>

export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request'), id: z.number(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('start'), id: z.number() }),
  z.object({ type: z.literal('stop'), id: z.number() }),
  z.object({ type: z.literal('portReply'), id: z.number(), result: Envelope }),
])
export type ToWorker = z.infer<typeof ToWorker>

export const LogLevel = z.enum(['debug', 'info', 'warn', 'error'])

export const FromWorker = z.discriminatedUnion('type', [
  /** The core is built (or could not be: `error` is the reason, e.g. the library is in use). */
  z.object({ type: z.literal('ready'), info: AppInfo }),
  z.object({ type: z.literal('failed'), message: z.string(), name: z.string() }),
  /** A reply carries the current info, so `Core.info()` stays synchronous and never stale. */
  z.object({ type: z.literal('reply'), id: z.number(), result: Envelope, info: AppInfo }),
  z.object({ type: z.literal('done'), id: z.number(), error: z.string().nullable(), info: AppInfo }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
  z.object({
    type: z.literal('notify'),
    title: z.string(),
    body: z.string(),
    options: z.object({ generationId: z.string().optional() }).optional(),
  }),
  z.object({
    type: z.literal('log'),
    level: LogLevel,
    bindings: z.record(z.string(), z.unknown()),
    obj: z.record(z.string(), z.unknown()),
    msg: z.string().optional(),
  }),
  z.object({ type: z.literal('portCall'), id: z.number(), call: PortCall }),
])
export type FromWorker = z.infer<typeof FromWorker>
