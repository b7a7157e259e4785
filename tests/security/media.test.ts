/**
 * Finding 7 (and the serving half of finding 2) — media URLs reach only
 * regular image files inside images/, thumbs/ and refs/, never through a link,
 * always as an image type with `nosniff` and a sandboxing CSP; a malformed
 * escape is a 400, not a 500 with a stack in the log. Against the real
 * browser-mode host, and the core function the Electron handler calls.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import sharp from 'sharp'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  findMediaFileOrStandIn,
  gridThumbsSettled,
  MEDIA_HEADERS,
  resolveMediaFile,
  stopMakingGridThumbs,
} from '../../electron/core/media'
import { GRID_THUMB_EDGE } from '../../shared/thumbnails'
import { recordingLogger, type LogEntry } from '../integration/library-fixtures'
import { get, signIn, startTestHost, type TestHost } from './support/host'
import { testPng } from './support/world'

const logged: LogEntry[] = []

let world: TestHost
let cookie: string
let png: Buffer
const media = (path: string) => get(world.host.port, `/media/${path}`, { host: world.hostHeader, cookie })

beforeAll(async () => {
  world = await startTestHost({ logger: recordingLogger(logged) })
  cookie = await signIn(world)
  png = await testPng()
  const lib = world.dataDir
  await writeFile(join(lib, 'images', 'photo.png'), png)
  await writeFile(join(lib, 'thumbs', 'photo.webp'), png)
  await writeFile(
    join(lib, 'refs', 'disguised.png'),
    '<html><script>parent.atelier.request("key.clear")</script></html>',
  )
  await writeFile(
    join(lib, 'refs', 'drawing.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  )
  await writeFile(join(lib, 'refs', 'page.html'), '<script>alert(1)</script>')
  await symlink(join(lib, 'library.db'), join(lib, 'refs', 'db.png'))
  await symlink('../settings.json', join(lib, 'images', 'settings.png'))
  await symlink(join(lib, 'images'), join(lib, 'refs', 'elsewhere'))
  await mkdir(join(lib, 'images', 'folder.png'))
  execFileSync('mkfifo', [join(lib, 'images', 'pipe.png')])
})
afterAll(async () => {
  await world.close()
})

describe('media over browser mode', () => {
  it('serves a library image as its image type, with nosniff and a sandboxing CSP (the legitimate path)', async () => {
    const answer = await media('images/photo.png')
    expect(answer.status).toBe(200)
    expect(answer.body.equals(png)).toBe(true)
    expect(answer.headers['content-type']).toBe('image/png')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.headers['content-security-policy']).toBe(MEDIA_HEADERS['Content-Security-Policy'])
    expect((await media('thumbs/photo.webp')).headers['content-type']).toBe('image/webp')
  })

  it('serves a file that is really a page only as an image, sandboxed, so it never runs on the app origin', async () => {
    const answer = await media('refs/disguised.png')
    expect(answer.headers['content-type']).toBe('image/png')
    expect(answer.headers['content-security-policy']).toBe("sandbox; default-src 'none'")
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
  })

  it.each([
    ['an SVG drawing (it can carry script)', 'refs/drawing.svg'],
    ['an HTML page', 'refs/page.html'],
    ['a link in refs/ to library.db', 'refs/db.png'],
    ['a relative link in images/ to settings.json', 'images/settings.png'],
    ['a file reached through a linked folder', 'refs/elsewhere/photo.png'],
    ['a folder', 'images/folder.png'],
    ['a FIFO (must not block)', 'images/pipe.png'],
    ['the database itself', 'library.db'],
    ['an escaped ".." segment', 'images/%2e%2e/library.db'],
    ['an escaped slash and ".."', 'images%2F..%2Fsettings.json'],
    ['a NUL byte', 'images/photo.png%00.png'],
    ['a folder that is not a media folder', 'tmp/photo.png'],
  ])('refuses %s with a plain 404', async (_label, path) => {
    const answer = await media(path)
    expect(answer.status).toBe(404)
    expect(answer.body.toString()).toBe('Not found')
  })

  it('answers a malformed % escape with 400, and logs no error or stack', async () => {
    logged.length = 0
    for (const path of ['images/%E0%A4%A.png', 'images/%', 'refs/%zz.png']) expect((await media(path)).status).toBe(400)
    expect((await get(world.host.port, '/assets/%E0%A4%A.js', { host: world.hostHeader, cookie })).status).toBe(400)
    // Request targets the URL parser chokes on, or that name another host.
    expect((await get(world.host.port, '//', { host: world.hostHeader, cookie })).status).toBe(404)
    expect(
      (await get(world.host.port, 'http://evil.example/media/images/photo.png', { host: world.hostHeader, cookie }))
        .status,
    ).toBe(400)
    expect(logged.filter((entry) => entry.level === 'error' || entry.level === 'warn')).toEqual([])
  })
})

/** Open descriptors of this process (the host runs in it); Linux only. */
const openFiles = () => readdirSync('/proc/self/fd').length

describe('media files are closed whatever the page does', () => {
  it.skipIf(!existsSync('/proc/self/fd'))(
    'a request let go mid-body (a cell scrolled away) or a HEAD leaves no file open',
    async () => {
      // Large enough that the body is still streaming when the page lets go.
      await writeFile(join(world.dataDir, 'images', 'large.png'), Buffer.alloc(32 * 1024 * 1024))
      const before = openFiles()
      const abandoned = Array.from(
        { length: 8 },
        () =>
          new Promise<void>((resolve, reject) => {
            const outgoing = httpRequest(
              {
                host: '127.0.0.1',
                port: world.host.port,
                path: '/media/images/large.png',
                headers: { host: world.hostHeader, cookie },
              },
              (response) => {
                expect(response.statusCode).toBe(200)
                response.once('data', () => {
                  outgoing.destroy()
                  resolve()
                })
              },
            )
            outgoing.on('error', reject)
            outgoing.end()
          }),
      )
      await Promise.all(abandoned)
      const head = await new Promise<number>((resolve, reject) => {
        const outgoing = httpRequest(
          {
            host: '127.0.0.1',
            port: world.host.port,
            path: '/media/images/photo.png',
            method: 'HEAD',
            headers: { host: world.hostHeader, cookie },
          },
          (response) => {
            response.resume()
            response.on('end', () => resolve(response.statusCode ?? 0))
          },
        )
        outgoing.on('error', reject)
        outgoing.end()
      })
      expect(head).toBe(200)
      // Every file the host opened for those is closed again (before, a let-go body kept its file until GC).
      const deadline = Date.now() + 5000
      while (openFiles() > before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(openFiles()).toBeLessThanOrEqual(before)
    },
  )
})

describe('the core function the Electron handler calls', () => {
  it('gives the real path of an image, and null for links, folders, FIFOs and non-images', () => {
    const resolvePath = world.host.core.resolveMediaPath
    expect(resolveMediaFile(resolvePath, 'images/photo.png')).toBe(
      join(realpathSync(world.dataDir), 'images', 'photo.png'),
    )
    for (const path of [
      'refs/db.png',
      'images/settings.png',
      'refs/elsewhere/photo.png',
      'images/folder.png',
      'images/pipe.png',
      'refs/drawing.svg',
    ]) {
      expect(resolveMediaFile(resolvePath, path), path).toBeNull()
    }
  })
})

describe("the grid's own thumbnails (shared/thumbnails.ts)", () => {
  const thumb = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
      .webp()
      .toBuffer()

  it('serves the 512 px thumbnail, uncached, until the grid one is made from it in the background; then that', async () => {
    const wide = await thumb(512, 341)
    await writeFile(join(world.dataDir, 'thumbs', 'wide.webp'), wide)
    const first = await media('thumbs/grid/wide.webp')
    expect(first.status).toBe(200)
    expect(first.body.equals(wide)).toBe(true)
    // A stand-in must not stay in the browser's cache under the grid's URL.
    expect(first.headers['cache-control']).toBe('no-store')
    expect(first.headers['x-content-type-options']).toBe('nosniff')
    await gridThumbsSettled()
    const made = await media('thumbs/grid/wide.webp')
    expect(made.headers['content-type']).toBe('image/webp')
    expect(made.headers['cache-control']).toContain('immutable')
    const size = await sharp(made.body).metadata()
    // Cover: the short edge fills a cell of GRID_THUMB_EDGE device px; the long one keeps the shape.
    expect([size.width, size.height]).toEqual([384, GRID_THUMB_EDGE])
    expect(lstatSync(join(world.dataDir, 'thumbs', 'grid', 'wide.webp')).isFile()).toBe(true)
    // Nothing left half-made in tmp/.
    expect((await readdir(join(world.dataDir, 'tmp'))).filter((name) => name.endsWith('.part'))).toEqual([])
  })

  it('makes it once when many ask at once, and never enlarges a small thumbnail', async () => {
    await writeFile(join(world.dataDir, 'thumbs', 'small.webp'), await thumb(120, 120))
    const answers = await Promise.all(Array.from({ length: 6 }, () => media('thumbs/grid/small.webp')))
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200))
    await gridThumbsSettled()
    const made = await sharp((await media('thumbs/grid/small.webp')).body).metadata()
    expect([made.width, made.height]).toEqual([120, 120])
    expect((await readdir(join(world.dataDir, 'thumbs', 'grid'))).filter((name) => name.startsWith('small'))).toEqual([
      'small.webp',
    ])
  })

  it.each([
    ['no thumbnail to make it from', 'thumbs/grid/absent.webp'],
    ['a source that is a link to the database', 'thumbs/grid/linked.webp'],
    ['a name that is not a thumbnail', 'thumbs/grid/photo.png'],
    ['a folder below grid/', 'thumbs/grid/deeper/wide.webp'],
  ])('answers %s with a plain 404 and writes nothing', async (_label, path) => {
    await symlink(join(world.dataDir, 'library.db'), join(world.dataDir, 'thumbs', 'linked.webp')).catch(() => {})
    const before = await readdir(join(world.dataDir, 'thumbs', 'grid')).catch(() => [])
    const answer = await media(path)
    expect(answer.status).toBe(404)
    expect(answer.body.toString()).toBe('Not found')
    await gridThumbsSettled()
    expect(await readdir(join(world.dataDir, 'thumbs', 'grid')).catch(() => [])).toEqual(before)
  })

  it('serves a thumbnail that does not decode as it is (the cell then checks the files), and makes nothing', async () => {
    await writeFile(join(world.dataDir, 'thumbs', 'broken.webp'), 'not an image')
    expect((await media('thumbs/grid/broken.webp')).body.toString()).toBe('not an image')
    await gridThumbsSettled()
    expect(existsSync(join(world.dataDir, 'thumbs', 'grid', 'broken.webp'))).toBe(false)
    expect((await readdir(join(world.dataDir, 'tmp'))).filter((name) => name.endsWith('.part'))).toEqual([])
  })

  it('never writes through a link planted where the grid folder should be', async () => {
    const library = await mkdtemp(join(tmpdir(), 'atelier-grid-link-'))
    const elsewhere = await mkdtemp(join(tmpdir(), 'atelier-grid-elsewhere-'))
    try {
      await mkdir(join(library, 'thumbs'))
      await mkdir(join(library, 'tmp'))
      await writeFile(join(library, 'thumbs', 'a.webp'), await thumb(512, 512))
      await symlink(elsewhere, join(library, 'thumbs', 'grid'))
      const resolvePath = (relative: string) => join(library, relative)
      // The thumbnail is served in its place, and nothing is written through the link.
      expect(findMediaFileOrStandIn(resolvePath, 'thumbs/grid/a.webp')?.provisional).toBe(true)
      await gridThumbsSettled()
      expect(await readdir(elsewhere)).toEqual([])
    } finally {
      await rm(library, { recursive: true, force: true })
      await rm(elsewhere, { recursive: true, force: true })
    }
  })
})

describe('closing a library while its grid thumbnails are being made', () => {
  it('drops those still waiting, waits for those under way, and leaves nothing writing into the folder', async () => {
    const library = await mkdtemp(join(tmpdir(), 'atelier-grid-stop-'))
    try {
      await mkdir(join(library, 'thumbs'))
      const thumb = await sharp({ create: { width: 512, height: 512, channels: 3, background: '#3a6' } })
        .webp()
        .toBuffer()
      const resolvePath = (relative: string) => join(library, relative)
      await Promise.all(Array.from({ length: 12 }, (_, i) => writeFile(join(library, 'thumbs', `s${i}.webp`), thumb)))
      // Twelve asked for in one go (no await between: none can finish before the stop).
      const served = Array.from({ length: 12 }, (_, i) => findMediaFileOrStandIn(resolvePath, `thumbs/grid/s${i}.webp`))
      expect(served.every((file) => file?.provisional === true)).toBe(true)
      await stopMakingGridThumbs(resolvePath)
      const made = await readdir(join(library, 'thumbs', 'grid'))
      // At most the two under way were finished; the rest were dropped, and nothing is written after.
      expect(made.length).toBeLessThanOrEqual(2)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(await readdir(join(library, 'thumbs', 'grid'))).toEqual(made)
      await rm(library, { recursive: true })
    } finally {
      await rm(library, { recursive: true, force: true })
    }
  })
})
