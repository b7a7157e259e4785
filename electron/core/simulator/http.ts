/** Small HTTP helpers for the simulator: read a bounded body, answer, or drop the connection. */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { RecordedRequest } from './types'

export interface Exchange {
  req: IncomingMessage
  res: ServerResponse
  record: RecordedRequest
  /** The raw body; null when it was larger than allowed. */
  bodyText: string | null
}

export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) tooLarge = true
      if (!tooLarge) chunks.push(chunk)
    })
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** What the request log keeps of a body: parsed JSON, else the text, else null. */
export function bodyForRecord(text: string | null): unknown {
  if (text === null || text.length === 0) return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

export function recordHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

const writable = (exchange: Exchange): boolean => !exchange.res.destroyed && !exchange.res.writableEnded

export function sendJson(
  exchange: Exchange,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  send(exchange, status, JSON.stringify(body), { 'content-type': 'application/json', ...headers })
}

export function send(exchange: Exchange, status: number, body: string | Buffer, headers: Record<string, string>): void {
  exchange.record.responseStatus = status
  if (!writable(exchange)) return
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  exchange.res.writeHead(status, { ...headers, 'content-length': String(bytes.length) })
  exchange.res.end(exchange.req.method === 'HEAD' ? undefined : bytes)
}

/** A gateway's error page: HTML, not JSON, as proxies in front of real APIs send. */
export function htmlErrorPage(status: number): string {
  const reason = STATUS_CODES[status] ?? 'Error'
  return `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

/** The connection dies without an answer (the client sees a reset / "socket hang up"). */
export function dropConnection(exchange: Exchange): void {
  exchange.record.responseStatus = 0
  exchange.req.socket.destroy()
}

/** Promises the full length, sends half, then dies: a truncated download. */
export function sendTruncated(exchange: Exchange, body: Buffer, contentType: string): void {
  exchange.record.responseStatus = 200
  if (!writable(exchange)) return
  exchange.res.writeHead(200, { 'content-type': contentType, 'content-length': String(body.length) })
  exchange.res.write(body.subarray(0, Math.floor(body.length / 2)), () => exchange.req.socket.destroy())
}
