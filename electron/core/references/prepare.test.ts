import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReferenceInfo } from '../../../shared/domain'
import { prepareReferenceBytes, type PrepareBytesOptions } from './prepare'
import { fromRaw, photoLike, pixelAt, rawPixels, solid, tempFolder } from '../../../tests/support/testImages'

let folder: Awaited<ReturnType<typeof tempFolder>>
beforeEach(async () => {
  folder = await tempFolder()
})
afterEach(async () => {
  await folder.remove()
})

const prepare = (bytes: Uint8Array, name = 'photo.jpg', options: Partial<PrepareBytesOptions> = {}) =>
  prepareReferenceBytes({ bytes, name }, { refsDir: join(folder.dir, 'refs'), ...options })
const storedBytes = (reference: ReferenceInfo) => readFile(join(folder.dir, reference.path ?? ''))

const RED = [255, 0, 0] as const
const BLUE = [0, 0, 255] as const
const isClose = (actual: readonly number[], expected: readonly number[]) =>
  actual.every((value, i) => Math.abs(value - (expected[i] ?? 0)) <= 24)

describe('prepareReferenceBytes: orientation and privacy', () => {
  it('turns an EXIF-rotated photo upright and strips EXIF, GPS, XMP and ICC', async () => {
    // Stored landscape 40×20 with a red block at the stored top-left; orientation 6 = "rotate 90° clockwise to view".
    const raw = rawPixels(40, 20, 3, (x, y) => (x < 10 && y < 10 ? RED : BLUE))
    const input = await fromRaw(raw, 40, 20, 3)
      .jpeg({ quality: 95 })
      .withExif({
        IFD0: { Make: 'AtelierCam', Model: 'Secret Model 9' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' },
      })
      .withMetadata({ orientation: 6 })
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>WhereIWas</rdf:Description></rdf:RDF></x:xmpmeta>',
      )
      .toBuffer()
    const before = await sharp(input).metadata()
    expect(before.orientation).toBe(6)
    expect(before.exif?.includes('AtelierCam')).toBe(true)
    expect(before.exif?.includes(Buffer.from([0x88, 0x25])) || before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(
      true,
    ) // GPS IFD pointer
    expect(before.xmp).toBeDefined()

    const reference = await prepare(input)
    expect(reference).toMatchObject({ kind: 'file', mime: 'image/jpeg', width: 20, height: 40 })
    const output = await storedBytes(reference)

    // Upright: the stored top-left block is now at the top-right.
    expect(isClose(await pixelAt(output, 15, 5), RED)).toBe(true)
    expect(isClose(await pixelAt(output, 5, 5), BLUE)).toBe(true)
    expect(isClose(await pixelAt(output, 15, 35), BLUE)).toBe(true)

    const after = await sharp(output).metadata()
    expect(after.orientation).toBeUndefined()
    expect(after.exif).toBeUndefined()
    expect(after.xmp).toBeUndefined()
    expect(after.iptc).toBeUndefined()
    expect(after.icc).toBeUndefined()
    expect(output.includes('AtelierCam')).toBe(false)
    expect(output.includes('WhereIWas')).toBe(false)
  })
})

describe('prepareReferenceBytes: JPEG or PNG', () => {
  it('keeps a PNG with real transparency as PNG', async () => {
    const input = await fromRaw(
      rawPixels(32, 32, 4, (x) => [10, 200, 30, x < 16 ? 0 : 255]),
      32,
      32,
      4,
    )
      .png()
      .toBuffer()
    const reference = await prepare(input, 'logo.png')
    expect(reference).toMatchObject({ mime: 'image/png', width: 32, height: 32 })
    expect(reference.path).toMatch(/^refs\/[0-9a-f]{64}\.png$/)
    const output = await storedBytes(reference)
    const stats = await sharp(output).stats()
    expect((await sharp(output).metadata()).format).toBe('png')
    expect(stats.isOpaque).toBe(false)
  })

  it('turns an opaque PNG (alpha channel, every pixel 255) into JPEG', async () => {
    const input = await solid(32, 24, [40, 90, 160]).ensureAlpha(1).png().toBuffer()
    expect((await sharp(input).metadata()).hasAlpha).toBe(true)
    const reference = await prepare(input, 'screenshot.png')
    expect(reference.mime).toBe('image/jpeg')
    expect(reference.path).toMatch(/^refs\/[0-9a-f]{64}\.jpg$/)
    expect((await sharp(await storedBytes(reference)).metadata()).format).toBe('jpeg')
  })

  it('sniffs the real format, not the name: a PNG called .jpg is read as PNG', async () => {
    const input = await fromRaw(
      rawPixels(8, 8, 4, () => [1, 2, 3, 100]),
      8,
      8,
      4,
    )
      .png()
      .toBuffer()
    const reference = await prepare(input, 'not-really.jpg')
    expect(reference.mime).toBe('image/png')
  })
})

describe('prepareReferenceBytes: the encoding', () => {
  it('writes the encoding it is given: WEBP, mozjpeg, libjpeg with optimised tables', async () => {
    const input = await fromRaw(await photoLike(64, 48, 4, 1), 64, 48, 3)
      .png()
      .toBuffer()
    const webp = await prepare(input, 'photo.png', { encoding: { format: 'webp', quality: 80, effort: 2 } })
    expect(webp).toMatchObject({ mime: 'image/webp', width: 64, height: 48 })
    expect(webp.path).toMatch(/\.webp$/)
    expect((await sharp(await storedBytes(webp)).metadata()).format).toBe('webp')
    const sizes = new Set<number | null>()
    for (const mozjpeg of [false, true]) {
      const reference = await prepare(input, 'photo.png', { encoding: { format: 'jpeg', quality: 88, mozjpeg } })
      expect(reference).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48 })
      expect((await sharp(await storedBytes(reference)).metadata()).format).toBe('jpeg')
      sizes.add(reference.preparedBytes)
    }
    expect(sizes.size).toBe(2)
  })

  it('by default writes JPEG with mozjpeg’s quantisation table: as close to the source as full mozjpeg q88', async () => {
    const raw = await photoLike(512, 384, 6, 1)
    const input = await fromRaw(raw, 512, 384, 3).png().toBuffer()
    const psnr = async (bytes: Buffer) => {
      const decoded = await sharp(bytes).removeAlpha().raw().toBuffer()
      let sse = 0
      for (let i = 0; i < raw.length; i++) sse += ((raw[i] ?? 0) - (decoded[i] ?? 0)) ** 2
      return 10 * Math.log10((255 * 255) / (sse / raw.length))
    }
    const byDefault = await prepare(input, 'photo.png')
    const mozjpeg = await prepare(input, 'photo.png', { encoding: { format: 'jpeg', quality: 88, mozjpeg: true } })
    expect(byDefault.mime).toBe('image/jpeg')
    expect(await psnr(await storedBytes(byDefault))).toBeGreaterThan((await psnr(await storedBytes(mozjpeg))) - 0.5)
  })

  it('keeps PNG for real transparency whatever the encoding', async () => {
    const input = await fromRaw(
      rawPixels(16, 16, 4, (x) => [10, 200, 30, x < 8 ? 0 : 255]),
      16,
      16,
      4,
    )
      .png()
      .toBuffer()
    const reference = await prepare(input, 'logo.png', { encoding: { format: 'jpeg', quality: 88, mozjpeg: true } })
    expect(reference.mime).toBe('image/png')
  })

  it('refuses an encoding outside what the encoders take (a programming error)', async () => {
    const input = await solid(8, 8, [1, 2, 3]).png().toBuffer()
    await expect(prepare(input, 'x.png', { encoding: { format: 'webp', quality: 0, effort: 2 } })).rejects.toThrow(
      RangeError,
    )
    await expect(prepare(input, 'x.png', { encoding: { format: 'webp', quality: 80, effort: 7 } })).rejects.toThrow(
      RangeError,
    )
    await expect(
      prepare(input, 'x.png', { encoding: { format: 'jpeg', quality: 80, mozjpeg: false, quantisationTable: 9 } }),
    ).rejects.toThrow(RangeError)
  })
})

describe('prepareReferenceBytes: size', () => {
  it('brings a 24 MP photo down to a 2048 px long edge', async () => {
    const input = await fromRaw(await photoLike(6000, 4000, 1), 6000, 4000, 3)
      .jpeg({ quality: 90 })
      .toBuffer()
    const reference = await prepare(input, 'IMG_0001.JPG')
    expect(reference).toMatchObject({ width: 2048, height: 1365, originalBytes: input.byteLength })
    expect(reference.preparedBytes).toBeLessThan(input.byteLength)
    const stored = await sharp(await storedBytes(reference)).metadata()
    expect([stored.width, stored.height]).toEqual([2048, 1365])
  })

  it('honours maxEdge, also for portrait images', async () => {
    const input = await fromRaw(await photoLike(300, 600, 2), 300, 600, 3)
      .jpeg()
      .toBuffer()
    const reference = await prepare(input, 'tall.jpg', { maxEdge: 256 })
    expect([reference.width, reference.height]).toEqual([128, 256])
  })

  it('never upscales a small image', async () => {
    const input = await solid(300, 200, [120, 120, 120]).jpeg().toBuffer()
    const reference = await prepare(input)
    expect([reference.width, reference.height]).toEqual([300, 200])
  })
})

describe('prepareReferenceBytes: formats the API does not take are converted', () => {
  it.each([
    ['AVIF', () => solid(24, 16, [90, 140, 200]).avif().toBuffer()],
    ['TIFF', () => solid(24, 16, [90, 140, 200]).tiff().toBuffer()],
    ['WEBP', () => solid(24, 16, [90, 140, 200]).webp({ lossless: true }).toBuffer()],
    ['CMYK JPEG', () => solid(24, 16, [90, 140, 200]).toColourspace('cmyk').jpeg().toBuffer()],
  ])('%s becomes an sRGB JPEG', async (_label, make) => {
    const reference = await prepare(await make(), 'picture')
    expect(reference).toMatchObject({ mime: 'image/jpeg', width: 24, height: 16 })
    const output = await storedBytes(reference)
    const metadata = await sharp(output).metadata()
    expect([metadata.format, metadata.space, metadata.channels]).toEqual(['jpeg', 'srgb', 3])
    expect(isClose(await pixelAt(output, 12, 8), [90, 140, 200])).toBe(true)
  })

  it('a Display P3 photo is converted to sRGB through its profile, and the profile dropped', async () => {
    // sRGB red stored as P3 numbers (about 234, 51, 35) with the P3 profile attached.
    const input = await solid(16, 16, [255, 0, 0]).withIccProfile('p3').jpeg({ quality: 100 }).toBuffer()
    expect((await sharp(input).metadata()).hasProfile).toBe(true)
    const output = await storedBytes(await prepare(input, 'iphone.jpg'))
    expect((await sharp(output).metadata()).hasProfile).toBe(false)
    expect(isClose(await pixelAt(output, 8, 8), RED)).toBe(true)
  })

  it('a transparent WEBP becomes PNG', async () => {
    const input = await solid(24, 16, [0, 128, 0], 0.5).webp({ lossless: true }).toBuffer()
    const reference = await prepare(input, 'sticker.webp')
    expect(reference.mime).toBe('image/png')
  })

  it('an animated GIF gives its first frame', async () => {
    // Two 20×20 frames stacked: red, then blue.
    const frames = rawPixels(20, 40, 3, (_x, y) => (y < 20 ? RED : BLUE))
    const gif = await sharp(frames, { raw: { width: 20, height: 40, channels: 3, pageHeight: 20 } })
      .gif()
      .toBuffer()
    expect((await sharp(gif).metadata()).pages).toBe(2)
    const reference = await prepare(gif, 'animation.gif')
    expect(reference).toMatchObject({ mime: 'image/jpeg', width: 20, height: 20 })
    expect(isClose(await pixelAt(await storedBytes(reference), 10, 10), RED)).toBe(true)
  })

  it('a 16-bit PNG with transparency becomes an 8-bit PNG', async () => {
    const input = await solid(10, 10, [10, 200, 30], 0.5).toColourspace('rgb16').png().toBuffer()
    expect((await sharp(input).metadata()).depth).toBe('ushort')
    const reference = await prepare(input, 'deep.png')
    const metadata = await sharp(await storedBytes(reference)).metadata()
    expect([metadata.format, metadata.depth, metadata.channels]).toEqual(['png', 'uchar', 4])
  })
})

describe('prepareReferenceBytes: content-addressed storage', () => {
  it('stores the same photo once, whatever it is called', async () => {
    const input = await fromRaw(await photoLike(400, 300, 3), 400, 300, 3)
      .jpeg()
      .toBuffer()
    const first = await prepare(input, 'a.jpg')
    const second = await prepare(Uint8Array.from(input), 'copy of a.jpg')
    expect(second.id).toBe(first.id)
    expect(second.path).toBe(first.path)
    expect(second.name).toBe('copy of a.jpg')
    expect(await readdir(join(folder.dir, 'refs'))).toEqual([`${first.id}.jpg`])
  })

  it('returns a ReferenceInfo the contract accepts', async () => {
    const { ReferenceInfo } = await import('../../../shared/domain')
    const input = await solid(16, 16, [1, 2, 3]).png().toBuffer()
    const reference = await prepareReferenceBytes(
      { bytes: input, name: '  ', sourceGenerationId: 'gen-1' },
      { refsDir: join(folder.dir, 'refs') },
    )
    expect(ReferenceInfo.parse(reference)).toEqual(reference)
    expect(reference).toMatchObject({ url: null, name: null, sourceGenerationId: 'gen-1' })
  })
})
