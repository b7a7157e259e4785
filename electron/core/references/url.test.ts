import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ReferenceInfo } from '../../../shared/domain'
import { ReferenceRefusedError } from './errors'
import { prepareReferenceUrl, type PrepareUrlOptions } from './url'
import { noiseBytes, solid, tempFolder } from '../../../tests/support/testImages'

let folder: Awaited<ReturnType<typeof tempFolder>>
let server: Server
let base: string
let png: Buffer
let gif: Buffer

/** A tiny image host with every way a link can go wrong. */
function route(path: string, res: ServerResponse): void {
  const send = (status: number, type: string, body: Uint8Array) => {
    res.writeHead(status, { 'content-type': type, 'content-length': body.byteLength })
    res.end(body)
  }
  switch (path) {
    case '/photos/cat%20on%20sofa.png':
      return send(200, 'image/png', png)
    case '/mislabelled':
      return send(200, 'application/octet-stream', png)
    case '/animation.gif':
      return send(200, 'image/gif', gif)
    case '/missing.png':
      return send(404, 'text/plain', Buffer.from('Not found'))
    case '/page.html':
      return send(200, 'text/html', Buffer.from('<!doctype html><html><body><img src="cat.png"></body></html>'))
    case '/redirect':
      res.writeHead(302, { location: '/photos/cat%20on%20sofa.png' })
      return void res.end()
    case '/huge-declared':
      return send(200, 'image/png', noiseBytes(64 * 1024, 1))
    case '/huge-chunked': {
      // No Content-Length: the cap must hold while streaming.
      res.writeHead(200, { 'content-type': 'image/png' })
      const chunk = noiseBytes(16 * 1024, 2)
      let sent = 0
      const pump = () => {
        while (sent < 1024 * 1024 && !res.destroyed) {
          sent += chunk.byteLength
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      return pump()
    }
    case '/slow':
      // Headers never come; the client's deadline has to end it.
      return
    case '/slow-body':
      res.writeHead(200, { 'content-type': 'image/png' })
      res.write(png.subarray(0, 100))
      return
    default:
      return send(404, 'text/plain', Buffer.from('?'))
  }
}

beforeAll(async () => {
  folder = await tempFolder()
  png = await solid(800, 600, [30, 160, 90]).png().toBuffer()
  gif = await solid(20, 20, [200, 0, 0]).gif().toBuffer()
  server = createServer((req, res) => route(req.url ?? '/', res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await folder.remove()
})

// The image host runs on 127.0.0.1, which the app refuses: this test lets that one address through (tests/security shows the refusal).
const options = (extra: Partial<PrepareUrlOptions> = {}): PrepareUrlOptions => ({
  refsDir: join(folder.dir, 'refs'),
  allowance: { reachableAddresses: ['127.0.0.1'] },
  ...extra,
})

async function refusalOf(url: string, extra: Partial<PrepareUrlOptions> = {}): Promise<ReferenceRefusedError> {
  const error = await prepareReferenceUrl(url, options(extra)).then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ReferenceRefusedError)
  return error as ReferenceRefusedError
}

describe('prepareReferenceUrl', () => {
  it('keeps the link to send, and a 512 px preview to show', async () => {
    const url = `${base}/photos/cat%20on%20sofa.png`
    const reference = await prepareReferenceUrl(url, options())
    expect(ReferenceInfo.parse(reference)).toEqual(reference)
    expect(reference).toMatchObject({
      kind: 'url',
      url,
      mime: 'image/png',
      width: 800,
      height: 600,
      originalBytes: png.byteLength,
      name: 'cat on sofa.png',
      sourceGenerationId: null,
    })
    expect(reference.id).toMatch(/^[0-9a-f]{64}$/)
    expect(reference.path).toBe(`refs/url-${reference.id}.jpg`)
    const preview = await sharp(await readFile(join(folder.dir, reference.path ?? ''))).metadata()
    expect([preview.format, preview.width, preview.height]).toEqual(['jpeg', 512, 384])
  })

  it('trusts the bytes, not the Content-Type, and follows redirects', async () => {
    await expect(prepareReferenceUrl(`${base}/mislabelled`, options())).resolves.toMatchObject({ mime: 'image/png' })
    await expect(prepareReferenceUrl(`${base}/redirect`, options())).resolves.toMatchObject({
      url: `${base}/redirect`,
      width: 800,
    })
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.com/a.png', 'data:image/png;base64,AAAA'])(
    'refuses a %s link without fetching it',
    async (url) => {
      const error = await refusalOf(url)
      expect(error.code).toBe('REFERENCE_URL_INVALID')
      expect(error.message).toContain('only http:// and https:// links')
    },
  )

  it('refuses something that is not a web address at all', async () => {
    const error = await refusalOf('cat on sofa')
    expect(error.code).toBe('REFERENCE_URL_INVALID')
    expect(error.message).toContain("doesn't look like a web address")
  })

  it.each([
    ['a body over the size cap (declared)', '/huge-declared', { maxBytes: 32 * 1024 }, 'larger than', 'too_large'],
    ['a body over the size cap (streamed)', '/huge-chunked', { maxBytes: 100 * 1024 }, 'larger than', 'too_large'],
    ['a web page', '/page.html', {}, "doesn't lead to an image", 'not_image'],
  ] as const)('refuses %s and says why, and to drop the file', async (_label, path, extra, words, reason) => {
    const error = await refusalOf(`${base}${path}`, extra)
    expect(error).toMatchObject({ code: 'REFERENCE_URL_UNREACHABLE', data: { reason } })
    expect(error.message).toContain(words)
    expect(error.message).toContain('drop the file')
  })

  // Before a body arrives, every failure reads the same: the words must not tell a page which ports answer.
  it.each([
    ['a 404', '/missing.png', {}],
    ['no answer in time', '/slow', { timeoutMs: 300 }],
    ['a body that stalls', '/slow-body', { timeoutMs: 300 }],
  ] as const)('refuses %s with the one "couldn\'t be reached" sentence', async (_label, path, extra) => {
    const error = await refusalOf(`${base}${path}`, extra)
    expect(error.code).toBe('REFERENCE_URL_UNREACHABLE')
    expect(error.message).toBe(
      "The link couldn't be reached. Download the image and drop the file into Atelier instead.",
    )
    expect(error.data).toEqual({ reason: 'unreachable' })
  })

  it('refuses a host that does not answer at all, in the same words', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const error = await refusalOf(`http://127.0.0.1:${port}/a.png`)
    expect(error).toMatchObject({ code: 'REFERENCE_URL_UNREACHABLE', data: { reason: 'unreachable' } })
    expect(error.message).toBe(
      "The link couldn't be reached. Download the image and drop the file into Atelier instead.",
    )
  })

  it('refuses a link to a format the service does not take from links', async () => {
    const error = await refusalOf(`${base}/animation.gif`)
    expect(error.code).toBe('REFERENCE_URL_UNSUPPORTED')
    expect(error.message).toContain('only takes JPEG, PNG or WEBP links')
  })

  it('leaves no temporary files behind', async () => {
    const files = await readdir(join(folder.dir, 'refs'))
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})
