/**
 * `atelier-media://library/<path>`: serves files from the library's media
 * folders only (electron/core/media.ts decides), never anything else on disk.
 */
import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { resolveMediaFile } from '../core/media'
import { MEDIA_SCHEME } from './channels'

/** Must run before the app is ready. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ])
}

export function handleMediaProtocol(resolvePath: (relative: string) => string): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url)
    const relative = decodeURIComponent(url.pathname.replace(/^\/+/, ''))
    const absolute = url.hostname === 'library' ? resolveMediaFile(resolvePath, relative) : null
    if (!absolute) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(absolute).toString())
    return new Response(response.body, {
      status: response.status,
      headers: { 'Content-Type': response.headers.get('content-type') ?? 'application/octet-stream', 'X-Content-Type-Options': 'nosniff' },
    })
  })
}
