import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { readRecipe, type RecipeError } from '../recipe'
import { sampleRecipe } from '../recipe/testRecipe'
import { cleanTemporaryFiles } from './cleanup'
import { downloadResult, type DownloadPhase } from './downloadResult'
import { DownloadError } from './errors'
import { findStoredResult } from './stored'

let png: Buffer
let jpeg: Buffer
let server: Server
let base = ''
let dataDir = ''
const seenHeaders: IncomingHttpHeaders[] = []

beforeAll(async () => {
  png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#3a7' } })
    .composite([
      { input: Buffer.from('<svg width="800" height="600"><circle cx="400" cy="300" r="200" fill="#fff"/></svg>') },
    ])
    .png()
    .toBuffer()
  jpeg = await sharp(png).jpeg({ quality: 85 }).toBuffer()
  server = createServer((req, res) => {
    seenHeaders.push(req.headers)
    switch (req.url) {
      case '/ok.png':
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) })
        res.end(png)
        return
      case '/ok.jpg':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(jpeg.length) })
        res.end(jpeg)
        return
      case '/truncated.png':
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) })
        res.write(png.subarray(0, png.length >> 1), () => req.socket.destroy())
        return
      case '/garbage.png':
        res.writeHead(200, { 'content-type': 'image/png' })
        res.end('<Error>not an image</Error>')
        return
      case '/half-no-length.png':
        res.writeHead(200, { 'content-type': 'image/png' })
        res.end(png.subarray(0, png.length >> 1))
        return
      case '/gone.png':
        res.writeHead(410)
        res.end('Gone')
        return
      default:
        res.writeHead(502)
        res.end('bad gateway')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
})

beforeEach(async () => {
  dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'atelier-download-'))
})

afterEach(async () => {
  await fs.promises.rm(dataDir, { recursive: true, force: true })
})

const tmpFiles = () => fs.readdirSync(path.join(dataDir, 'tmp'))

async function failure(url: string): Promise<DownloadError> {
  try {
    await downloadResult(url, { id: 'gen-1', dataDir })
  } catch (error) {
    if (error instanceof DownloadError) return error
    throw error
  }
  throw new Error('expected the download to fail')
}

describe('downloadResult', () => {
  it('stores a whole image and its WebP thumbnail, hashed and sized, with no key sent and nothing left in tmp/', async () => {
    const phases: DownloadPhase[] = []
    const info = await downloadResult(`${base}/ok.png`, { id: 'gen-1', dataDir, onPhase: (p) => phases.push(p) })
    expect(info).toEqual({
      path: 'images/gen-1.png',
      thumbPath: 'thumbs/gen-1.webp',
      width: 800,
      height: 600,
      bytes: png.length,
      sha256: createHash('sha256').update(png).digest('hex'),
      mime: 'image/png',
    })
    expect(fs.readFileSync(path.join(dataDir, info.path)).equals(png)).toBe(true)
    const thumb = await sharp(path.join(dataDir, info.thumbPath)).metadata()
    expect(thumb).toMatchObject({ format: 'webp', width: 512, height: 384 })
    // And the grid's own size of it (shared/thumbnails.ts): cover-fitted, short edge 256.
    const grid = await sharp(path.join(dataDir, 'thumbs', 'grid', 'gen-1.webp')).metadata()
    expect(grid).toMatchObject({ format: 'webp', width: 341, height: 256 })
    expect(phases).toEqual(['download:streaming', 'download:verified', 'download:thumbnail', 'download:renamed'])
    expect(tmpFiles()).toEqual([])
    expect(seenHeaders.at(-1)?.authorization).toBeUndefined()
  })

  it('embeds the recipe before the rename: same pixels, hash and size of the file as stored', async () => {
    const recipe = sampleRecipe({ generationId: 'gen-1' })
    const info = await downloadResult(`${base}/ok.png`, { id: 'gen-1', dataDir, recipe })
    const stored = fs.readFileSync(path.join(dataDir, info.path))
    expect(readRecipe(stored)).toEqual(recipe)
    expect(info.bytes).toBe(stored.length)
    expect(info.bytes).toBeGreaterThan(png.length)
    expect(info.sha256).toBe(createHash('sha256').update(stored).digest('hex'))
    expect(await sharp(stored).raw().toBuffer()).toEqual(await sharp(png).raw().toBuffer())
    // A restart that finds the file in place describes it the same way.
    expect(await findStoredResult(dataDir, 'gen-1')).toEqual(info)
    expect(tmpFiles()).toEqual([])
  })

  it('keeps an image that cannot carry its recipe as delivered, and says so', async () => {
    const skipped: RecipeError[] = []
    const tooLong = sampleRecipe({ prompt: '猫'.repeat(20_000) })
    const info = await downloadResult(`${base}/ok.jpg`, {
      id: 'gen-2',
      dataDir,
      recipe: tooLong,
      onRecipeSkipped: (e) => skipped.push(e),
    })
    expect(skipped.map((e) => e.code)).toEqual(['RECIPE_TOO_LARGE'])
    expect(fs.readFileSync(path.join(dataDir, info.path)).equals(jpeg)).toBe(true)
    expect(info.sha256).toBe(createHash('sha256').update(jpeg).digest('hex'))
  })

  it('refuses a body cut short before Content-Length, and keeps nothing', async () => {
    const error = await failure(`${base}/truncated.png`)
    expect(['truncated', 'network']).toContain(error.kind)
    expect(fs.existsSync(path.join(dataDir, 'images', 'gen-1.png'))).toBe(false)
    expect(tmpFiles()).toEqual([])
  })

  it('refuses a truncated image even without Content-Length (full decode)', async () => {
    expect((await failure(`${base}/half-no-length.png`)).kind).toBe('corrupt')
    expect(tmpFiles()).toEqual([])
  })

  it('refuses a body that is not an image', async () => {
    expect((await failure(`${base}/garbage.png`)).kind).toBe('corrupt')
  })

  it('tells an expired link from other HTTP errors', async () => {
    expect(await failure(`${base}/gone.png`)).toMatchObject({ kind: 'expired', status: 410 })
    expect(await failure(`${base}/elsewhere.png`)).toMatchObject({ kind: 'http', status: 502 })
    expect((await failure('ftp://example.com/a.png')).kind).toBe('bad_url')
  })

  it('reports a stopped download as aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(
      downloadResult(`${base}/ok.png`, { id: 'gen-1', dataDir, signal: controller.signal }),
    ).rejects.toMatchObject({
      kind: 'aborted',
    })
  })
})

describe('after a crash', () => {
  it('finds a result already in place and re-makes a missing thumbnail', async () => {
    fs.mkdirSync(path.join(dataDir, 'images'), { recursive: true })
    fs.writeFileSync(path.join(dataDir, 'images', 'gen-2.png'), png)
    const info = await findStoredResult(dataDir, 'gen-2')
    expect(info).toMatchObject({
      path: 'images/gen-2.png',
      thumbPath: 'thumbs/gen-2.webp',
      width: 800,
      bytes: png.length,
    })
    expect(fs.existsSync(path.join(dataDir, 'thumbs', 'gen-2.webp'))).toBe(true)
    expect(await findStoredResult(dataDir, 'gen-3')).toBeNull()
  })

  it('removes leftover partial files from tmp/', async () => {
    fs.mkdirSync(path.join(dataDir, 'tmp'), { recursive: true })
    fs.writeFileSync(path.join(dataDir, 'tmp', 'a.image.part'), 'x')
    fs.writeFileSync(path.join(dataDir, 'tmp', 'b.thumb.part'), 'x')
    fs.writeFileSync(path.join(dataDir, 'tmp', 'keep.txt'), 'x')
    expect(await cleanTemporaryFiles(dataDir)).toBe(2)
    expect(tmpFiles()).toEqual(['keep.txt'])
  })
})
