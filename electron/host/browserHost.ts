/**
 * Browser mode: the same core in plain Node, the built renderer served on
 * 127.0.0.1, and the contract spoken over a WebSocket. This is how the real app
 * runs (and is tested) in a plain Chromium on machines without Electron.
 *
 * Security: loopback only; a random per-run token (in the printed URL) is
 * exchanged for an HttpOnly SameSite=Strict cookie that every request, media
 * file and the WebSocket must carry; the WebSocket also checks Origin and Host,
 * which defeats other web pages and DNS rebinding.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { decodeMessage, encodeMessage } from '../../shared/codec'
import type { EventName, EventPayload } from '../../shared/contract'
import type { Core, CoreOptions } from '../core/createCore'
import type { Logger, Notifier } from '../core/ports'
import { resolveMediaFile } from '../core/media'
import { unavailableCipher } from './nodePorts'
import { startCoreWorker } from '../core/worker'

export interface BrowserHostOptions {
  dataDir: string
  /** The built renderer (out/renderer). */
  rendererDir: string
  port?: number
  logger: Logger
  appVersion: string
  env?: { apiBaseUrl?: string | undefined; apiKey?: string | undefined }
  notifier?: Notifier
  engineTuning?: CoreOptions['engineTuning']
}

export interface BrowserHost {
  /** The URL to open, token included. */
  readonly url: string
  readonly origin: string
  readonly core: Core
  close(): Promise<void>
}

const COOKIE = 'atelier_session'
const MAX_MESSAGE_BYTES = 512 * 1024 * 1024 // four 100 MB references, base64
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
}

function tokensMatch(a: string | undefined, b: string): boolean {
  if (!a) return false
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie ?? ''
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { logger } = options
  const token = randomBytes(24).toString('base64url')
  const rendererDir = resolve(options.rendererDir)
  const sockets = new Set<WebSocket>()

  const indexHtml = await readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(`The renderer is not built (${rendererDir}/index.html is missing). Run: npx vite build --config renderer/vite.config.ts`)
  })
  // The bridge must run before the app's module script: module scripts execute in document order.
  const page = indexHtml.replace('<script type="module"', '<script type="module" src="./browser-bridge.js"></script>\n    <script type="module"')

  // The core runs in a worker thread (docs/threads.md); this thread only serves HTTP and the socket.
  const core = await startCoreWorker({
    dataDir: options.dataDir,
    logger,
    cipher: unavailableCipher,
    events: {
      emit<E extends EventName>(event: E, payload: EventPayload<E>) {
        const message = encodeMessage({ type: 'event', name: event, payload })
        for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(message)
      },
    },
    notifier: options.notifier ?? { notify: (title, body) => logger.info({ title, body }, 'notification') },
    appVersion: options.appVersion,
    platform: process.platform,
    transport: 'browser',
    env: options.env,
  }, { engineTuning: options.engineTuning })

  let origin = ''
  let hostHeader = ''

  function isAuthorized(request: IncomingMessage): boolean {
    return tokensMatch(readCookie(request, COOKIE), token)
  }

  async function serveFile(response: ServerResponse, absolutePath: string, cache: string): Promise<void> {
    const info = await stat(absolutePath).catch(() => null)
    if (!info?.isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain', ...SECURITY_HEADERS }).end('Not found')
      return
    }
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(absolutePath).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': cache,
      ...SECURITY_HEADERS,
    })
    createReadStream(absolutePath).pipe(response)
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== hostHeader) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Wrong host')
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end()
      return
    }
    const url = new URL(request.url ?? '/', origin)

    // Exchange the printed token for a cookie, then drop it from the address bar.
    const offered = url.searchParams.get('token') ?? undefined
    if (tokensMatch(offered, token)) {
      url.searchParams.delete('token')
      response.writeHead(303, {
        'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        ...SECURITY_HEADERS,
      })
      response.end()
      return
    }
    if (!isAuthorized(request)) {
      response
        .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
        .end('Open the address printed by `npm run browser` (it carries this session’s token).')
      return
    }

    if (url.pathname === '/' || url.pathname === '/index.html') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS })
      response.end(page)
      return
    }
    if (url.pathname.startsWith('/media/')) {
      const absolute = resolveMediaFile(core.resolveMediaPath, decodeURIComponent(url.pathname.slice('/media/'.length)))
      if (!absolute) {
        response.writeHead(404, { 'Content-Type': 'text/plain', ...SECURITY_HEADERS }).end('Not found')
        return
      }
      await serveFile(response, absolute, 'private, max-age=31536000, immutable')
      return
    }
    // Static renderer files, never outside the renderer folder.
    const absolute = resolve(rendererDir, '.' + decodeURIComponent(url.pathname))
    if (!absolute.startsWith(rendererDir + sep)) {
      response.writeHead(404).end()
      return
    }
    await serveFile(response, absolute, url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'browser host request failed')
      if (!response.headersSent) response.writeHead(500).end()
      else response.destroy()
    })
  })

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
  })

  server.on('upgrade', (request, socket, head) => {
    const allowed =
      request.url === '/ipc' &&
      request.headers.host === hostHeader &&
      request.headers.origin === origin &&
      isAuthorized(request)
    if (!allowed) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      socket.destroy()
      return
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws)
      ws.on('close', () => sockets.delete(ws))
      ws.on('message', (data, isBinary) => {
        if (isBinary) return
        void (async () => {
          let id: unknown = null
          try {
            const message = decodeMessage(data.toString()) as { type?: unknown; id?: unknown; name?: unknown; input?: unknown }
            id = message.id
            if (message.type !== 'request' || typeof id !== 'number') return
            const result = await core.router.dispatch(message.name, message.input)
            if (ws.readyState === ws.OPEN) ws.send(encodeMessage({ type: 'reply', id, result }))
          } catch (error) {
            logger.warn({ err: error }, 'malformed message on the browser-mode socket')
            if (typeof id === 'number' && ws.readyState === ws.OPEN) {
              ws.send(encodeMessage({ type: 'reply', id, result: { ok: false, error: { code: 'BAD_MESSAGE', message: 'The message could not be read.' } } }))
            }
          }
        })()
      })
    })
  })

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise())
  })
  const { port } = server.address() as AddressInfo
  hostHeader = `127.0.0.1:${port}`
  origin = `http://${hostHeader}`
  await core.start()

  return {
    url: `${origin}/?token=${token}`,
    origin,
    core,
    async close() {
      for (const socket of sockets) socket.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()))
      await core.stop()
    },
  }
}
