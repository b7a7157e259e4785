/**
 * The page's two schemes, both privileged before the app is ready:
 * - `app://atelier/…` serves the built renderer (never file://, where CSP `'self'`
 *   would admit any local file), each response carrying the CSP as a header;
 * - `atelier-media://library/…` serves files from the library's media folders
 *   only (electron/core/media.ts decides), never anything else on disk.
 */
import { protocol } from 'electron'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import { Readable } from 'node:stream'
import { decodeMediaPath, findMediaFileOrStandIn, MEDIA_HEADERS } from '../core/media'
import { APP_HOST, APP_SCHEME, MEDIA_HOST, MEDIA_SCHEME } from '../../shared/ipcChannels'

/** The page's policy: scripts only from our origin, never inline or eval; images from our origin, the media scheme, data: and blob:. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${MEDIA_SCHEME}:`,
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}
const typeOf = (path: string) => TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'

/** Must run before the app is ready. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ])
}

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
const badRequest = () => new Response('Bad request', { status: 400, headers: { 'Content-Type': 'text/plain' } })

export function handleAppProtocol(rendererDir: string): void {
  const root = normalize(rendererDir + sep)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST || request.method !== 'GET') return notFound()
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html'
    const absolute = normalize(join(root, relative))
    if (!absolute.startsWith(root)) return notFound()
    try {
      const body = await readFile(absolute)
      return new Response(body, {
        headers: {
          'Content-Type': typeOf(absolute),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      })
    } catch {
      return notFound()
    }
  })
}

/**
 * Media by the core's rules (electron/core/media.ts): a malformed escape is a
 * 400; only a regular image file inside a media folder, no links, served with
 * the fixed type for its extension and MEDIA_HEADERS (nosniff, a sandboxing CSP).
 */
export function handleMediaProtocol(resolvePath: (relative: string) => string): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.hostname !== MEDIA_HOST || request.method !== 'GET') return notFound()
    const relative = decodeMediaPath(url.pathname.replace(/^\/+/, ''))
    if (relative === null) return badRequest()
    const file = findMediaFileOrStandIn(resolvePath, relative)
    if (!file) return notFound()
    try {
      const body = Readable.toWeb(createReadStream(file.absolutePath)) as ReadableStream<Uint8Array>
      return new Response(body, {
        headers: {
          ...MEDIA_HEADERS,
          'Content-Type': file.mime,
          'Content-Length': String(file.size),
          // A stand-in (a grid thumbnail not made yet) must not stay cached under the grid's URL.
          ...(file.provisional ? { 'Cache-Control': 'no-store' } : {}),
        },
      })
    } catch {
      return notFound()
    }
  })
}
