/**
 * The recipe written into PNG, JPEG and WebP files made by sharp, read back by
 * a reader written here from the file formats' specifications (not by the
 * module's own parser), with the decoded pixels compared before and after.
 */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { embedRecipe, readRecipe } from './index'
import { sampleRecipe } from './testRecipe'

// --- An independent reader: the containers parsed by hand.

function pngChunks(file: Buffer): Array<{ type: string; data: Buffer }> {
  expect(file.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  const chunks: Array<{ type: string; data: Buffer }> = []
  for (let at = 8; at < file.length;) {
    const length = file.readUInt32BE(at)
    chunks.push({ type: file.toString('ascii', at + 4, at + 8), data: file.subarray(at + 8, at + 8 + length) })
    at += 12 + length
  }
  return chunks
}

/** iTXt: keyword NUL, compression flag, method, language NUL, translated keyword NUL, text. */
function pngTexts(file: Buffer): Map<string, string[]> {
  const texts = new Map<string, string[]>()
  for (const { type, data } of pngChunks(file)) {
    if (type !== 'iTXt') continue
    const k = data.indexOf(0)
    expect(data[k + 1], 'uncompressed').toBe(0)
    const lang = data.indexOf(0, k + 3)
    const translated = data.indexOf(0, lang + 1)
    const keyword = data.toString('latin1', 0, k)
    texts.set(keyword, [...(texts.get(keyword) ?? []), data.subarray(translated + 1).toString('utf8')])
  }
  return texts
}

function jpegSegments(file: Buffer): Array<{ marker: number; data: Buffer }> {
  expect(file.readUInt16BE(0)).toBe(0xffd8)
  const segments: Array<{ marker: number; data: Buffer }> = []
  for (let at = 2; ;) {
    const marker = file.readUInt16BE(at)
    if (marker === 0xffda) return segments
    const length = file.readUInt16BE(at + 2)
    segments.push({ marker, data: file.subarray(at + 4, at + 2 + length) })
    at += 2 + length
  }
}

function jpegXmps(file: Buffer): string[] {
  const header = 'http://ns.adobe.com/xap/1.0/\0'
  return jpegSegments(file)
    .filter((s) => s.marker === 0xffe1 && s.data.toString('latin1', 0, header.length) === header)
    .map((s) => s.data.subarray(header.length).toString('utf8'))
}

function riffChunks(file: Buffer): Array<{ fourcc: string; data: Buffer }> {
  expect(file.toString('ascii', 0, 4)).toBe('RIFF')
  expect(file.toString('ascii', 8, 12)).toBe('WEBP')
  expect(file.readUInt32LE(4)).toBe(file.length - 8)
  const chunks: Array<{ fourcc: string; data: Buffer }> = []
  for (let at = 12; at < file.length;) {
    const size = file.readUInt32LE(at + 4)
    chunks.push({ fourcc: file.toString('ascii', at, at + 4), data: file.subarray(at + 8, at + 8 + size) })
    at += 8 + size + (size % 2)
  }
  return chunks
}

const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')

/** The recipe's JSON and the description, found in the packet with plain text matching. */
function fromXmp(xmp: string): { recipe: unknown; description: string | null } {
  expect(xmp).toContain('xmlns:atelier="https://atelier.app/ns/recipe/1.0/"')
  const json = /<atelier:recipe>([^<]*)<\/atelier:recipe>/.exec(xmp)?.[1]
  const description = /<dc:description><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)<\/rdf:li>/.exec(xmp)?.[1]
  return {
    recipe: json === undefined ? null : JSON.parse(unescapeXml(json)),
    description: description === undefined ? null : unescapeXml(description),
  }
}

const raw = async (file: Buffer): Promise<Buffer> => sharp(file, { failOn: 'error' }).raw().toBuffer()

async function sourceImage(alpha = false): Promise<ReturnType<typeof sharp>> {
  // Noise, so a re-encode would show in the pixels.
  const channels = alpha ? 4 : 3
  const pixels = Buffer.alloc(37 * 23 * channels)
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7919 + (i >> 3) * 104729) % 251
  return sharp(pixels, { raw: { width: 37, height: 23, channels } })
}

const recipe = sampleRecipe()
const expectedDescription = recipe.prompt.replace('\u0007', '\uFFFD')

describe('the recipe embedded in PNG', () => {
  it('carries the recipe in its own iTXt chunk and in XMP, pixels untouched', async () => {
    const before = await (await sourceImage()).png().toBuffer()
    const after = embedRecipe(before, recipe)

    const texts = pngTexts(after)
    expect(texts.get('atelier:recipe')).toHaveLength(1)
    expect(JSON.parse(texts.get('atelier:recipe')![0]!)).toEqual(recipe)
    expect(texts.get('XML:com.adobe.xmp')).toHaveLength(1)
    const xmp = fromXmp(texts.get('XML:com.adobe.xmp')![0]!)
    expect(xmp.recipe).toEqual(recipe)
    expect(xmp.description).toBe(expectedDescription)
    // Every chunk of the original is there, in order, byte for byte.
    expect(pngChunks(after).filter((c) => c.type !== 'iTXt')).toEqual(pngChunks(before))
    expect(await raw(after)).toEqual(await raw(before))
    expect(readRecipe(after)).toEqual(recipe)
    // Another tool (libvips) sees the XMP packet.
    expect((await sharp(after).metadata()).xmp?.toString('utf8')).toContain('at dusk')
  })

  it('replaces an earlier recipe instead of adding a second', async () => {
    const once = embedRecipe(await (await sourceImage(true)).png().toBuffer(), recipe)
    const newer = sampleRecipe({ prompt: 'second', price: null })
    const twice = embedRecipe(once, newer)
    expect(pngTexts(twice).get('atelier:recipe')).toEqual([JSON.stringify(newer)])
    expect(pngTexts(twice).get('XML:com.adobe.xmp')).toHaveLength(1)
    expect(readRecipe(twice)).toEqual(newer)
    expect(await raw(twice)).toEqual(await raw(once))
  })
})

describe('the recipe embedded in JPEG', () => {
  it('carries XMP in one APP1 segment after the Exif header, pixels untouched', async () => {
    const before = await (
      await sourceImage()
    )
      .withExif({ IFD0: { Copyright: 'test' } })
      .jpeg({ quality: 80 })
      .toBuffer()
    const after = embedRecipe(embedRecipe(before, sampleRecipe({ prompt: 'first' })), recipe)

    const xmps = jpegXmps(after)
    expect(xmps).toHaveLength(1)
    const xmp = fromXmp(xmps[0]!)
    expect(xmp.recipe).toEqual(recipe)
    expect(xmp.description).toBe(expectedDescription)
    const markers = jpegSegments(after).map((s) => s.marker)
    expect(markers.indexOf(0xffe1)).toBeLessThan(markers.indexOf(0xffdb))
    // The scan (the compressed image) is copied as it was.
    const scan = (file: Buffer): Buffer => file.subarray(file.indexOf(Buffer.from([0xff, 0xda])))
    expect(scan(after).equals(scan(before))).toBe(true)
    expect(await raw(after)).toEqual(await raw(before))
    expect(readRecipe(after)).toEqual(recipe)
    const meta = await sharp(after).metadata()
    expect(meta.exif).toBeDefined()
    expect(meta.xmp?.toString('utf8')).toContain('at dusk')
  })
})

describe('the recipe embedded in WebP', () => {
  const cases: Array<[string, () => Promise<Buffer>, string]> = [
    ['simple lossy (VP8)', async () => (await sourceImage()).webp({ quality: 70 }).toBuffer(), 'VP8 '],
    ['simple lossless (VP8L)', async () => (await sourceImage()).webp({ lossless: true }).toBuffer(), 'VP8L'],
    ['lossless with alpha (VP8L)', async () => (await sourceImage(true)).webp({ lossless: true }).toBuffer(), 'VP8L'],
    [
      'extended lossy with alpha (VP8X)',
      async () => (await sourceImage(true)).webp({ quality: 70 }).toBuffer(),
      'VP8X',
    ],
  ]
  for (const [name, make, firstChunk] of cases) {
    it(`${name}: an XMP chunk with the VP8X flag, pixels untouched`, async () => {
      const before = await make()
      expect(riffChunks(before)[0]!.fourcc).toBe(firstChunk)
      const after = embedRecipe(embedRecipe(before, sampleRecipe({ prompt: 'first' })), recipe)

      const chunks = riffChunks(after)
      const vp8x = chunks[0]!
      expect(vp8x.fourcc).toBe('VP8X')
      expect(vp8x.data[0]! & 0x04, 'XMP flag').toBe(0x04)
      // Canvas size, 24-bit little-endian minus one.
      expect(vp8x.data.readUIntLE(4, 3) + 1).toBe(37)
      expect(vp8x.data.readUIntLE(7, 3) + 1).toBe(23)
      const meta = await sharp(after).metadata()
      expect(Boolean(vp8x.data[0]! & 0x10), 'alpha flag').toBe(meta.hasAlpha)
      const xmps = chunks.filter((c) => c.fourcc === 'XMP ')
      expect(xmps).toHaveLength(1)
      const xmp = fromXmp(xmps[0]!.data.toString('utf8'))
      expect(xmp.recipe).toEqual(recipe)
      expect(xmp.description).toBe(expectedDescription)
      // The image chunks are the original's, byte for byte.
      const image = (file: Buffer): Buffer[] =>
        riffChunks(file)
          .filter((c) => ['VP8 ', 'VP8L', 'ALPH'].includes(c.fourcc))
          .map((c) => c.data)
      expect(image(after)).toEqual(image(before))
      expect(await raw(after)).toEqual(await raw(before))
      expect(readRecipe(after)).toEqual(recipe)
      expect(meta.xmp?.toString('utf8')).toContain('at dusk')
    })
  }
})

describe('files without a recipe', () => {
  it('reads null from plain PNG, JPEG and WebP files, and from XMP written by another tool', async () => {
    const image = await sourceImage()
    for (const file of [
      await image.clone().png().toBuffer(),
      await image.clone().jpeg().toBuffer(),
      await image.clone().webp().toBuffer(),
    ]) {
      expect(readRecipe(file)).toBeNull()
    }
    const foreign = await image
      .clone()
      .jpeg()
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>x</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>',
      )
      .toBuffer()
    expect(readRecipe(foreign)).toBeNull()
  })
})
