/**
 * The two documented endpoints, behind the fault knobs that apply to API
 * requests: generate (validate, charge, create) and status (time-driven).
 */
import { randomUUID } from 'node:crypto'
import { rollErrorStatus } from './faults'
import { dropConnection, htmlErrorPage, sendJson, send, type Exchange } from './http'
import type { SimulatorState } from './state'
import { resultUrlFor, stateAt, type TaskRecord } from './tasks'
import { acceptReferences, jsonDecodeRejection, validateGenerateBody } from './validation'

export const GENERATE_PATH = '/v1/chatgpt-images/generate'
export const STATUS_PREFIX = '/v1/chatgpt-images/generations/'

/** The bodies the provider sends for injected statuses (502/504 come from a gateway, as HTML). */
const ERROR_DETAILS: Partial<Record<number, string>> = {
  429: 'Too Many Requests',
  500: 'OPENAI_DECLINED',
  503: 'Service under maintenance',
}

function sendErrorStatus(exchange: Exchange, status: number): void {
  if (status === 502 || status === 504) {
    send(exchange, status, htmlErrorPage(status), { 'content-type': 'text/html; charset=utf-8' })
    return
  }
  const detail = ERROR_DETAILS[status] ?? `Simulated error ${status}`
  sendJson(exchange, status, { detail })
}

/** Resets, maintenance, rate limits, injected statuses and odd shapes. True when the request was answered here. */
function injectFault(state: SimulatorState, exchange: Exchange): boolean {
  const { faults, dice } = state
  if (dice.chance(faults.resetRate)) {
    dropConnection(exchange)
    return true
  }
  if (faults.maintenanceUntil !== null && Date.now() < faults.maintenanceUntil) {
    const retryAfter = faults.maintenanceRetryAfterSeconds
    sendJson(
      exchange,
      503,
      { detail: 'Service under maintenance' },
      retryAfter === null ? {} : { 'retry-after': String(retryAfter) },
    )
    return true
  }
  if (dice.chance(faults.rateLimit.rate)) {
    const retryAfter = faults.rateLimit.retryAfterSeconds
    sendJson(
      exchange,
      429,
      { detail: 'Too Many Requests' },
      retryAfter === null ? {} : { 'retry-after': String(retryAfter) },
    )
    return true
  }
  const status = rollErrorStatus(faults.errorRates, (rate) => dice.chance(rate))
  if (status !== null) {
    sendErrorStatus(exchange, status)
    return true
  }
  if (dice.chance(faults.unexpectedShapeRate)) {
    sendJson(exchange, 200, { ok: true, data: null })
    return true
  }
  return false
}

function authorized(state: SimulatorState, exchange: Exchange): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(exchange.req.headers.authorization ?? '')
  if (match && state.apiKeys.has((match[1] ?? '').trim())) return true
  sendJson(exchange, 401, { detail: 'Invalid API key' }, { 'www-authenticate': 'Bearer' })
  return false
}

function methodAllowed(exchange: Exchange, method: string): boolean {
  if (exchange.req.method === method) return true
  sendJson(exchange, 405, { detail: 'Method Not Allowed' }, { allow: method })
  return false
}

export async function handleGenerate(state: SimulatorState, exchange: Exchange): Promise<void> {
  if (!methodAllowed(exchange, 'POST') || injectFault(state, exchange) || !authorized(state, exchange)) return
  if (exchange.bodyText === null) {
    sendJson(exchange, 413, { detail: 'Request body too large' }, { connection: 'close' })
    return
  }
  const contentType = exchange.req.headers['content-type'] ?? ''
  if (!/\bjson\b/i.test(contentType) || exchange.bodyText.length === 0) {
    sendJson(exchange, 422, { detail: [{ type: 'missing', loc: ['body'], msg: 'Field required' }] })
    return
  }
  let body: unknown
  try {
    body = JSON.parse(exchange.bodyText)
  } catch (error) {
    const rejection = jsonDecodeRejection(error)
    sendJson(exchange, rejection.status, rejection.body)
    return
  }
  const validated = validateGenerateBody(body)
  if (!validated.ok) {
    sendJson(exchange, validated.rejection.status, validated.rejection.body)
    return
  }
  const accepted = await acceptReferences(validated.input.images)
  if (!accepted.ok) {
    sendJson(exchange, accepted.rejection.status, accepted.rejection.body)
    return
  }
  if (state.credits !== null && state.credits < state.priceMicros) {
    sendJson(exchange, 402, { detail: 'INSUFFICIENT_CREDITS' })
    return
  }
  if (state.credits !== null) state.credits -= state.priceMicros

  const { prompt, aspectRatio, images, callbackUrl } = validated.input
  const timings = state.timingsFor?.(prompt) ?? state.timings
  const task: TaskRecord = {
    taskUuid: randomUUID(),
    prompt,
    aspectRatio,
    images,
    references: accepted.references,
    callbackUrl,
    price: state.price,
    createdAt: Date.now(),
    pendingMs: timings.pendingMs,
    processingMs: timings.processingMs,
    moderated: state.moderationTrigger?.test(prompt) ?? false,
    forced: null,
  }
  state.tasks.set(task.taskUuid, task)

  // "The POST timed out but we were charged": the task exists, the answer never arrives.
  if (state.dice.chance(state.faults.resetAfterCreateRate)) {
    dropConnection(exchange)
    return
  }
  const extra = state.extraFields ? { created_at: new Date(task.createdAt).toISOString() } : {}
  sendJson(exchange, 201, { task_uuid: task.taskUuid, status: 'pending', price: state.price, ...extra })
}

export function handleStatus(state: SimulatorState, exchange: Exchange, rawUuid: string): void {
  if (!methodAllowed(exchange, 'GET') || injectFault(state, exchange) || !authorized(state, exchange)) return
  let taskUuid = rawUuid
  try {
    taskUuid = decodeURIComponent(rawUuid)
  } catch {
    // an undecodable id is simply unknown
  }
  const task = state.tasks.get(taskUuid)
  if (!task) {
    sendJson(exchange, 404, { detail: 'Task not found' })
    return
  }
  const current = stateAt(task, Date.now())
  const extra = state.extraFields ? { model: 'gpt-image-1.5', created_at: new Date(task.createdAt).toISOString() } : {}
  sendJson(exchange, 200, {
    task_uuid: task.taskUuid,
    status: current.status,
    prompt: task.prompt,
    result_image_url: current.status === 'completed' ? resultUrlFor(state.baseUrl, task.taskUuid) : null,
    message: current.message,
    ...extra,
  })
}
