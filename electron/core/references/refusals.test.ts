import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toIpcError } from '../ipc/errors'
import { ReferenceRefusedError } from './errors'
import { prepareReferenceBytes } from './prepare'
import { MAX_INPUT_BYTES } from './refusals'
import { fromRaw, heicLike, hugeBlackPng, noiseBytes, tempFolder, tinyBmp } from '../../../tests/support/testImages'

let folder: Awaited<ReturnType<typeof tempFolder>>
beforeAll(async () => {
  folder = await tempFolder()
})
afterAll(async () => {
  await folder.remove()
})
const refsDir = () => join(folder.dir, 'refs')

/** Runs the preparation and returns the refusal it must end in. */
async function refusalOf(bytes: Uint8Array, name: string): Promise<ReferenceRefusedError> {
  const error = await prepareReferenceBytes({ bytes, name }, { refsDir: refsDir() }).then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ReferenceRefusedError)
  return error as ReferenceRefusedError
}

const noisyJpeg = () =>
  fromRaw(noiseBytes(96 * 64 * 3, 7), 96, 64, 3)
    .jpeg({ quality: 90 })
    .toBuffer()
const messages = new Map<string, string>()

describe('refusals, before any request', () => {
  it('refuses an empty file', async () => {
    const error = await refusalOf(new Uint8Array(0), 'empty.jpg')
    expect(error.code).toBe('REFERENCE_EMPTY')
    expect(error.message).toContain('“empty.jpg” is empty')
    messages.set(error.code, error.message)
  })

  it('refuses more than 100 MB before looking inside', async () => {
    const error = await refusalOf(new Uint8Array(MAX_INPUT_BYTES + 1), 'huge.tif')
    expect(error.code).toBe('REFERENCE_TOO_LARGE')
    expect(error.message).toContain('at most 100 MB')
    messages.set(error.code, error.message)
  })

  it('refuses a text file renamed .jpg', async () => {
    const error = await refusalOf(Buffer.from('Dear diary, today I renamed a text file to .jpg.\n'), 'diary.jpg')
    expect(error.code).toBe('REFERENCE_NOT_IMAGE')
    expect(error.message).toContain('not an image')
    messages.set(error.code, error.message)
  })

  it('refuses a truncated JPEG instead of padding it with grey', async () => {
    const jpeg = await noisyJpeg()
    const error = await refusalOf(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 'cut.jpg')
    expect(error.code).toBe('REFERENCE_CORRUPT')
    expect(error.message).toContain('damaged or incomplete')
    messages.set(error.code, error.message)
  })

  it('refuses a truncated PNG and a JPEG whose header is garbage', async () => {
    const png = await fromRaw(noiseBytes(64 * 64 * 3, 3), 64, 64, 3)
      .png()
      .toBuffer()
    expect((await refusalOf(png.subarray(0, png.length - 200), 'cut.png')).code).toBe('REFERENCE_CORRUPT')
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), noiseBytes(2000, 11)])
    expect((await refusalOf(garbage, 'garbage.jpg')).code).toBe('REFERENCE_CORRUPT')
  })

  it.each([
    ['plain', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'],
    [
      'with prolog and BOM',
      '\uFEFF<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    ],
  ])('refuses an SVG drawing (%s)', async (_label, text) => {
    const error = await refusalOf(Buffer.from(text), 'logo.png')
    expect(error.code).toBe('REFERENCE_SVG')
    expect(error.message).toContain("SVG drawings can't be used as references; export it as PNG")
    messages.set(error.code, error.message)
  })

  it('refuses a decompression bomb from its header (20000 × 20000 PNG)', async () => {
    const bomb = hugeBlackPng(20_000, 20_000)
    expect(bomb.byteLength).toBeLessThan(1024 * 1024)
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({ width: 20_000, height: 20_000 })
    const error = await refusalOf(bomb, 'bomb.png')
    expect(error.code).toBe('REFERENCE_TOO_MANY_PIXELS')
    expect(error.message).toContain('20000 × 20000 pixels (400 megapixels)')
    messages.set(error.code, error.message)
  })

  it('refuses HEIC where this system cannot decode it', async () => {
    const error = await refusalOf(await heicLike(), 'IMG_1234.HEIC')
    expect(error.code).toBe('REFERENCE_UNSUPPORTED')
    expect(error.message).toContain("HEIC photos can't be read on this system; export as JPEG")
    messages.set(error.code, error.message)
  })

  it('refuses BMP plainly when sharp has no BMP decoder', async () => {
    if (sharp.format.magick.input.buffer) {
      // A sharp built with ImageMagick reads BMP: then it is simply converted.
      await expect(
        prepareReferenceBytes({ bytes: tinyBmp(), name: 'old.bmp' }, { refsDir: refsDir() }),
      ).resolves.toMatchObject({ width: 2 })
      return
    }
    const error = await refusalOf(tinyBmp(), 'old.bmp')
    expect(error.code).toBe('REFERENCE_UNSUPPORTED')
    expect(error.message).toContain("BMP images can't be read on this system")
  })

  it('gives every refusal its own message, and nothing was written', async () => {
    expect(messages.size).toBe(7)
    expect(new Set(messages.values()).size).toBe(messages.size)
    expect(await readdir(refsDir()).catch(() => [])).toEqual([])
  })

  it('reaches the UI with its code and message intact through the router', async () => {
    const error = await refusalOf(new Uint8Array(0), '')
    expect(error.message).toMatch(/^This file is empty/)
    expect(toIpcError(error)).toEqual({ code: 'REFERENCE_EMPTY', message: error.message })
    const tooLarge = await refusalOf(new Uint8Array(MAX_INPUT_BYTES + 1), 'x')
    expect(toIpcError(tooLarge)).toMatchObject({ code: 'REFERENCE_TOO_LARGE', data: { bytes: MAX_INPUT_BYTES + 1 } })
  })
})
