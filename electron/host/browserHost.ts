/**
 * Browser mode: the same core in plain Node, the built renderer served on
 * 127.0.0.1, and the contract spoken over a WebSocket. This is how the real app
 * runs (and is tested) in a plain Chromium on machines without Electron.
 *
 * Security (docs/security.md):
 * - Listens on 127.0.0.1 only, and answers only to a random host name of its
 *   own, `<random>.atelier.localhost` (browsers resolve *.localhost to
 *   loopback), checked strictly against the Host header. Cookies are not
 *   port-scoped, so a cookie for 127.0.0.1 would reach every other local
 *   service; a host-only cookie for this random name reaches none.
 * - A random per-run token (in the printed URL) is exchanged for a session: an
 *   HttpOnly SameSite=Strict cookie that every request, media file and the
 *   WebSocket must carry, valid for SESSION_TTL_MS.
 * - The WebSocket also checks Origin, which defeats other web pages and DNS
 *   rebinding; see socketSession.ts for what it does with what arrives.
 * - Media is served by ../core/media.ts's rules, with its headers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { constants, createReadStream } from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { encodeMessage } from '../../shared/codec'
import type { EventName, EventPayload } from '../../shared/contract'
import type { Core, CoreOptions } from '../core/createCore'
import { startCoreWorker } from '../core/worker'
import type { Clock, Logger, Notifier } from '../core/ports'
import { systemClock } from '../core/ports'
import { MEDIA_HEADERS, decodeMediaPath, findMediaFileOrStandIn, stopMakingGridThumbs } from '../core/media'
import { unavailableCipher } from './nodePorts'
import { MAX_MESSAGE_BYTES, attachSocketSession } from './socketSession'

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
  /** Test-only (see CoreOptions.testNetworkAllowance); scripts/browser.ts never sets it. */
  testNetworkAllowance?: CoreOptions['testNetworkAllowance']
  /** When sessions expire; tests pass a fake one. */
  clock?: Clock
}

export interface BrowserHost {
  /** The URL to open, token included. */
  readonly url: string
  /** `http://<random>.atelier.localhost:<port>` */
  readonly origin: string
  /** The loopback port it listens on (for clients that cannot resolve *.localhost themselves). */
  readonly port: number
  readonly core: Core
  close(): Promise<void>
}

const COOKIE = 'atelier_session'
/** A working day: after that, open the printed address again. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000
/** The parent of each run's random host name. */
export const HOST_SUFFIX = 'atelier.localhost'
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
  const clock = options.clock ?? systemClock
  /** Session id → when it expires. */
  const sessions = new Map<string, number>()
  const rendererDir = resolve(options.rendererDir)
  const sockets = new Set<WebSocket>()

  const indexHtml = await readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(
      `The renderer is not built (${rendererDir}/index.html is missing). Run: npx vite build --config renderer/vite.config.ts`,
    )
  })
  // The bridge must run before the app's module script: module scripts execute in document order.
  const page = indexHtml.replace(
    '<script type="module"',
    '<script type="module" src="./browser-bridge.js"></script>\n    <script type="module"',
  )

  // The core runs in a worker thread (docs/threads.md); it opens the settings file itself.
  const core = await startCoreWorker(
    {
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
    },
    { engineTuning: options.engineTuning, testNetworkAllowance: options.testNetworkAllowance },
  )

  let origin = ''
  let hostHeader = ''

  function sessionIsLive(session: string | undefined): boolean {
    if (!session) return false
    const now = clock.now()
    for (const [id, expires] of sessions) if (expires <= now) sessions.delete(id)
    // Map lookup by a 32-byte random id: not a secret compared byte by byte against a guess.
    return sessions.has(session)
  }

  function isAuthorized(request: IncomingMessage): boolean {
    return sessionIsLive(readCookie(request, COOKIE))
  }

  function startSession(): string {
    const id = randomBytes(32).toString('base64url')
    sessions.set(id, clock.now() + SESSION_TTL_MS)
    return id
  }

  const notFound = (response: ServerResponse) =>
    response.writeHead(404, { 'Content-Type': 'text/plain', ...SECURITY_HEADERS }).end('Not found')
  const badRequest = (response: ServerResponse) =>
    response.writeHead(400, { 'Content-Type': 'text/plain', ...SECURITY_HEADERS }).end('Bad request')

  /**
   * Sends a file's body (none for HEAD). A page that lets go of a request first (a thumbnail whose
   * cell scrolled away) closes the response: the pipeline then closes the file too, rather than
   * leaving its descriptor open until garbage collection.
   */
  async function sendBody(request: IncomingMessage, response: ServerResponse, body: Readable): Promise<void> {
    if (request.method === 'HEAD') {
      body.destroy()
      return void response.end()
    }
    await pipeline(body, response).catch(() => undefined)
  }

  async function serveFile(
    request: IncomingMessage,
    response: ServerResponse,
    absolutePath: string,
    cache: string,
  ): Promise<void> {
    const info = await stat(absolutePath).catch(() => null)
    if (!info?.isFile()) return void notFound(response)
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(absolutePath).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': cache,
      ...SECURITY_HEADERS,
    })
    await sendBody(request, response, createReadStream(absolutePath))
  }

  /** Media: only what core/media.ts allows, opened without following links, as its fixed image type. */
  async function serveMedia(request: IncomingMessage, response: ServerResponse, encodedPath: string): Promise<void> {
    const relative = decodeMediaPath(encodedPath)
    if (relative === null) return void badRequest(response)
    const file = findMediaFileOrStandIn(core.resolveMediaPath, relative)
    if (!file) return void notFound(response)
    const handle = await open(file.absolutePath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(() => null)
    const info = await handle?.stat().catch(() => null)
    if (!handle || !info?.isFile()) {
      await handle?.close()
      return void notFound(response)
    }
    response.writeHead(200, {
      'Content-Type': file.mime,
      'Content-Length': info.size,
      // A stand-in (a grid thumbnail not made yet) must not stay cached under the grid's URL.
      'Cache-Control': file.provisional ? 'no-store' : 'private, max-age=31536000, immutable',
      ...SECURITY_HEADERS,
      ...MEDIA_HEADERS,
    })
    await sendBody(request, response, handle.createReadStream())
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
    // Origin-form targets only ("/path?query"); anything else, or what the URL parser refuses, is a 400 rather than a 500.
    const target = request.url ?? '/'
    let url: URL
    try {
      if (!target.startsWith('/')) throw new Error('not origin-form')
      url = new URL(origin + target)
    } catch {
      return void badRequest(response)
    }

    // Exchange the printed token for a cookie, then drop it from the address bar.
    const offered = url.searchParams.get('token') ?? undefined
    if (tokensMatch(offered, token)) {
      url.searchParams.delete('token')
      response.writeHead(303, {
        // Host-only (no Domain): sent back to this random host name and nowhere else.
        'Set-Cookie': `${COOKIE}=${startSession()}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_MS / 1000}`,
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
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        ...SECURITY_HEADERS,
      })
      response.end(page)
      return
    }
    if (url.pathname.startsWith('/media/')) return serveMedia(request, response, url.pathname.slice('/media/'.length))
    // Static renderer files, never outside the renderer folder.
    const decoded = decodeMediaPath(url.pathname)
    if (decoded === null) return void badRequest(response)
    const absolute = resolve(rendererDir, '.' + decoded)
    if (!absolute.startsWith(rendererDir + sep)) return void notFound(response)
    await serveFile(
      request,
      response,
      absolute,
      url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    )
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
    // A peer that resets mid-handshake must not become an uncaught 'error'.
    socket.on('error', () => socket.destroy())
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
      const session = readCookie(request, COOKIE)
      attachSocketSession(ws, core.router, logger.child({ module: 'socket' }), () => sessionIsLive(session))
    })
  })

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise())
  })
  const { port } = server.address() as AddressInfo
  hostHeader = `${randomBytes(8).toString('hex')}.${HOST_SUFFIX}:${port}`
  origin = `http://${hostHeader}`
  await core.start()

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    core,
    async close() {
      for (const socket of sockets) socket.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()))
      // Grid thumbnails being made write into the library: done before it is let go.
      await stopMakingGridThumbs(core.resolveMediaPath)
      await core.stop()
    },
  }
}
