/**
 * The result "CDN": GET /files/{uuid}.png serves the rendered PNG (no key
 * needed, like a storage link), with the download faults: expiry, truncation,
 * corruption.
 */
import { renderResult } from './render'
import { send, sendTruncated, type Exchange } from './http'
import { RENDER_CACHE_MAX, type SimulatorState } from './state'
import { stateAt, type TaskRecord } from './tasks'

export const FILE_PATH = /^\/files\/([^/]+)\.png$/

const NOT_AN_IMAGE = Buffer.from(
  '<?xml version="1.0"?><Error><Code>InternalError</Code><Message>not an image</Message></Error>\n',
)

function renderFor(state: SimulatorState, task: TaskRecord): Promise<Buffer> {
  const cached = state.renders.get(task.taskUuid)
  if (cached) return cached
  const rendering = renderResult({
    taskUuid: task.taskUuid,
    prompt: task.prompt,
    aspectRatio: task.aspectRatio,
    references: task.references ?? [],
    longEdge: state.longEdge,
  })
  state.renders.set(task.taskUuid, rendering)
  rendering.catch(() => state.renders.delete(task.taskUuid))
  while (state.renders.size > RENDER_CACHE_MAX) {
    const oldest = state.renders.keys().next().value
    if (oldest === undefined) break
    state.renders.delete(oldest)
  }
  return rendering
}

const text = (exchange: Exchange, status: number, body: string): void =>
  send(exchange, status, body, { 'content-type': 'text/plain; charset=utf-8' })

export async function handleFile(state: SimulatorState, exchange: Exchange, taskUuid: string): Promise<void> {
  if (exchange.req.method !== 'GET' && exchange.req.method !== 'HEAD') {
    text(exchange, 405, 'Method Not Allowed')
    return
  }
  const task = state.tasks.get(taskUuid)
  const now = Date.now()
  const current = task ? stateAt(task, now) : null
  if (!task || !current || current.status !== 'completed' || current.completedAt === null) {
    text(exchange, 404, 'Not Found')
    return
  }
  const ttl = state.faults.resultUrlTtlMs
  if (ttl !== null && now > current.completedAt + ttl) {
    text(exchange, 410, 'Gone: this link has expired')
    return
  }
  let png: Buffer
  try {
    png = await renderFor(state, task)
  } catch {
    text(exchange, 500, 'Rendering failed')
    return
  }
  if (state.dice.chance(state.faults.corruptDownloadRate)) {
    send(exchange, 200, NOT_AN_IMAGE, { 'content-type': 'image/png' })
    return
  }
  if (state.dice.chance(state.faults.truncateDownloadRate)) {
    sendTruncated(exchange, png, 'image/png')
    return
  }
  send(exchange, 200, png, { 'content-type': 'image/png', 'cache-control': 'private, max-age=3600' })
}
