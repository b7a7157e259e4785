/**
 * Hostile and broken files: refused with a RecipeError (a code and a sentence)
 * or read as "no recipe" — never a crash, never a hang, never a wrong recipe.
 */
import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { embedRecipe, readRecipe, RecipeError, type RecipeErrorCode } from './index'
import { sampleRecipe } from './testRecipe'
import { buildXmp } from './xmp'

function refusal(run: () => unknown): RecipeErrorCode {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(RecipeError)
    expect((error as RecipeError).message.length).toBeGreaterThan(10)
    return (error as RecipeError).code
  }
  throw new Error('expected a RecipeError')
}

function pngChunk(type: string, data: Buffer, crc?: number): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const tail = Buffer.alloc(4)
  tail.writeUInt32BE(crc ?? crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, tail])
}
const iTXt = (keyword: string, text: string | Buffer, crc?: number): Buffer =>
  pngChunk(
    'iTXt',
    Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text)]),
    crc,
  )

/** A PNG with extra chunks inserted after IHDR. */
function pngWith(base: Buffer, ...extra: Buffer[]): Buffer {
  const ihdrEnd = 8 + 12 + base.readUInt32BE(8)
  return Buffer.concat([base.subarray(0, ihdrEnd), ...extra, base.subarray(ihdrEnd)])
}

function jpegWithXmp(base: Buffer, xmp: string): Buffer {
  const payload = Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(xmp, 'utf8')])
  const head = Buffer.from([0xff, 0xe1, 0, 0])
  head.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([base.subarray(0, 2), head, payload, base.subarray(2)])
}

function webpWithXmp(base: Buffer, xmp: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.write('XMP ', 0, 'latin1')
  head.writeUInt32LE(xmp.length, 4)
  const file = Buffer.concat([base, head, xmp, Buffer.alloc(xmp.length % 2)])
  file.writeUInt32LE(file.length - 8, 4)
  return file
}

const image = () => sharp({ create: { width: 16, height: 12, channels: 3, background: '#369' } })
const recipe = sampleRecipe()

describe('broken containers', () => {
  it('refuses what is not a PNG, JPEG or WebP', () => {
    expect(refusal(() => readRecipe(Buffer.from('GIF89a not really')))).toBe('RECIPE_UNSUPPORTED_FORMAT')
    expect(refusal(() => readRecipe(new Uint8Array()))).toBe('RECIPE_UNSUPPORTED_FORMAT')
    expect(refusal(() => embedRecipe(Buffer.from('<svg/>'), recipe))).toBe('RECIPE_UNSUPPORTED_FORMAT')
  })

  it('refuses truncated files and chunks or segments longer than the file', async () => {
    const png = embedRecipe(await image().png().toBuffer(), recipe)
    const jpeg = embedRecipe(await image().jpeg().toBuffer(), recipe)
    const webp = embedRecipe(await image().webp().toBuffer(), recipe)
    for (const file of [png, jpeg, webp]) {
      expect(refusal(() => readRecipe(file.subarray(0, 40)))).toBe('RECIPE_MALFORMED_FILE')
      expect(refusal(() => embedRecipe(file.subarray(0, 40), recipe))).toBe('RECIPE_MALFORMED_FILE')
    }
    const giantPng = Buffer.from(png)
    giantPng.writeUInt32BE(0x7ffffff0, 33) // the chunk after IHDR claims ~2 GB
    expect(refusal(() => readRecipe(giantPng))).toBe('RECIPE_MALFORMED_FILE')
    const giantWebp = Buffer.from(webp)
    giantWebp.writeUInt32LE(0xfffffff0, 16) // VP8X claims ~4 GB
    expect(refusal(() => readRecipe(giantWebp))).toBe('RECIPE_MALFORMED_FILE')
    const longRiff = Buffer.from(webp)
    longRiff.writeUInt32LE(webp.length * 2, 4)
    expect(refusal(() => readRecipe(longRiff))).toBe('RECIPE_MALFORMED_FILE')
    const giantJpeg = Buffer.from(jpeg)
    giantJpeg.writeUInt16BE(0xffff, 4)
    expect(refusal(() => readRecipe(giantJpeg.subarray(0, 2000)))).toBe('RECIPE_MALFORMED_FILE')
  })

  it('refuses a recipe chunk whose checksum does not match', async () => {
    const file = pngWith(await image().png().toBuffer(), iTXt('atelier:recipe', JSON.stringify(recipe), 12345))
    expect(refusal(() => readRecipe(file))).toBe('RECIPE_MALFORMED_FILE')
  })

  it('never throws anything but a RecipeError on thousands of damaged files', async () => {
    const sources = [
      embedRecipe(await image().png().toBuffer(), recipe),
      embedRecipe(await image().jpeg().toBuffer(), recipe),
      embedRecipe(await image().webp().toBuffer(), recipe),
      embedRecipe(await image().webp({ lossless: true }).toBuffer(), recipe),
    ]
    let state = 42
    const random = (n: number): number => {
      state = (state * 1664525 + 1013904223) >>> 0
      return state % n
    }
    const outcomes = { recipe: 0, none: 0, refused: 0 }
    for (const source of sources) {
      for (let round = 0; round < 600; round++) {
        const file = Buffer.from(source.subarray(0, round % 5 === 0 ? random(source.length) : source.length))
        for (let flips = 1 + random(4); flips > 0 && file.length > 0; flips--) file[random(file.length)] = random(256)
        for (const run of [() => readRecipe(file), () => embedRecipe(file, recipe)]) {
          try {
            const result = run()
            if (result === null) outcomes.none++
            else outcomes.recipe++
          } catch (error) {
            if (!(error instanceof RecipeError)) throw new Error(`round ${round}: ${String(error)}`, { cause: error })
            outcomes.refused++
          }
        }
      }
    }
    // Both kinds of outcome occur, so the damage did reach the parsers.
    expect(outcomes.refused).toBeGreaterThan(100)
    expect(outcomes.recipe).toBeGreaterThan(100)
  })
})

describe('bad metadata inside a good container', () => {
  it('refuses a recipe that is not JSON, or that fails the schema', async () => {
    const png = await image().png().toBuffer()
    expect(refusal(() => readRecipe(pngWith(png, iTXt('atelier:recipe', '{"format": "atelier.rec'))))).toBe(
      'RECIPE_INVALID',
    )
    const wrong = { ...recipe, aspectRatio: '16:9', price: 0.04 }
    expect(refusal(() => readRecipe(pngWith(png, iTXt('atelier:recipe', JSON.stringify(wrong)))))).toBe(
      'RECIPE_INVALID',
    )
    expect(refusal(() => embedRecipe(png, wrong as never))).toBe('RECIPE_INVALID')
  })

  it('refuses XMP that is not well-formed, declares entities, or is huge', async () => {
    const jpeg = await image().jpeg().toBuffer()
    const good = buildXmp(recipe)
    expect(refusal(() => readRecipe(jpegWithXmp(jpeg, good.replace('</rdf:Description>', ''))))).toBe('RECIPE_INVALID')
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      good.replace('<atelier:recipe>', '<atelier:recipe>&b;')
    expect(refusal(() => readRecipe(jpegWithXmp(jpeg, bomb)))).toBe('RECIPE_INVALID')
    const webp = await image().webp().toBuffer()
    const huge = Buffer.from(
      good.replace('<dc:description>', `<dc:title>${'x'.repeat(2 * 1024 * 1024)}</dc:title><dc:description>`),
    )
    expect(refusal(() => readRecipe(webpWithXmp(webp, huge)))).toBe('RECIPE_TOO_LARGE')
    expect(
      refusal(() =>
        readRecipe(webpWithXmp(webp, Buffer.from(good.replace('&quot;format&quot;:', '&quot;format&quot;')))),
      ),
    ).toBe('RECIPE_INVALID')
  })

  it('refuses two recipes in one packet rather than picking one', async () => {
    const twice = buildXmp(recipe).replace(
      '</rdf:Description>',
      '<atelier:recipe>{}</atelier:recipe></rdf:Description>',
    )
    const jpeg = await image().jpeg().toBuffer()
    expect(refusal(() => readRecipe(jpegWithXmp(jpeg, twice)))).toBe('RECIPE_INVALID')
  })

  it('reads a recipe another tool rewrote: another prefix, attribute form, character references', async () => {
    const json = JSON.stringify(recipe).replace(/&/g, '&#38;').replace(/"/g, '&quot;').replace(/</g, '&#x3C;')
    const xmp =
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      `<rdf:Description rdf:about="" xmlns:at1="https://atelier.app/ns/recipe/1.0/" at1:recipe="${json}"/></rdf:RDF></x:xmpmeta>`
    expect(readRecipe(jpegWithXmp(await image().jpeg().toBuffer(), xmp))).toEqual(recipe)
    // The same local name in another namespace is not ours.
    const impostor = xmp.replace('https://atelier.app/ns/recipe/1.0/', 'https://example.com/other/')
    expect(readRecipe(jpegWithXmp(await image().jpeg().toBuffer(), impostor))).toBeNull()
  })

  it('refuses to write a recipe too large for a JPEG segment, and writes it in PNG and WebP', async () => {
    const long = sampleRecipe({ prompt: '猫'.repeat(20_000) })
    const jpeg = jpegWithXmp(await image().jpeg().toBuffer(), '<x/>')
    expect(refusal(() => embedRecipe(jpeg, long))).toBe('RECIPE_TOO_LARGE')
    expect(readRecipe(embedRecipe(await image().png().toBuffer(), long))).toEqual(long)
    expect(readRecipe(embedRecipe(await image().webp().toBuffer(), long))).toEqual(long)
  })
})
