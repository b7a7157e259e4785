/**
 * PNG: the recipe's JSON in an iTXt chunk of its own (`atelier:recipe`) and the
 * XMP packet in the standard iTXt chunk (`XML:com.adobe.xmp`), both right after
 * IHDR. Every other chunk is copied byte for byte, so the pixels are untouched.
 */
import { crc32, inflateSync } from 'node:zlib'
import { malformed, RecipeError } from './errors'
import { PNG_RECIPE_KEYWORD, type Recipe } from './schema'
import { buildXmp, recipeFromJson, recipeFromXmp, XMP_READ_MAX_BYTES } from './xmp'

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
export const PNG_XMP_KEYWORD = 'XML:com.adobe.xmp'

interface PngChunk {
  type: string
  data: Buffer
  /** The whole chunk as it is in the file (length, type, data, CRC). */
  raw: Buffer
}

/** The chunks of a PNG, bounds-checked; stops at IEND. */
function readChunks(file: Buffer): PngChunk[] {
  if (file.length < 8 || !file.subarray(0, 8).equals(PNG_SIGNATURE))
    throw malformed('This is not a PNG file (bad signature).')
  const chunks: PngChunk[] = []
  let at = 8
  for (;;) {
    if (at + 12 > file.length) throw malformed('The PNG file ends in the middle of a chunk (no IEND).')
    const length = file.readUInt32BE(at)
    if (length > 0x7fffffff || at + 12 + length > file.length) {
      throw malformed(`A PNG chunk claims ${length} bytes, more than the file holds.`)
    }
    const type = file.toString('latin1', at + 4, at + 8)
    if (!/^[A-Za-z]{4}$/.test(type)) throw malformed('A PNG chunk has an invalid type.')
    chunks.push({ type, data: file.subarray(at + 8, at + 8 + length), raw: file.subarray(at, at + 12 + length) })
    at += 12 + length
    if (type === 'IEND') break
  }
  if (chunks[0]?.type !== 'IHDR') throw malformed('The PNG file does not start with IHDR.')
  return chunks
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

/** An uncompressed iTXt chunk: keyword, flags, empty language and translated keyword, UTF-8 text. */
function iTXt(keyword: string, text: string): Buffer {
  return chunk(
    'iTXt',
    Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]),
  )
}

interface ITxt {
  keyword: string
  text: () => string
}

/** A chunk we are about to trust: its CRC must match (a flipped byte is refused, not misread). */
function checked(c: PngChunk): PngChunk {
  const stored = c.raw.readUInt32BE(c.raw.length - 4)
  if (crc32(c.raw.subarray(4, c.raw.length - 4)) >>> 0 !== stored)
    throw malformed(`The PNG's ${c.type} chunk is damaged (its checksum does not match).`)
  return c
}

/** An iTXt chunk's keyword, and its text on demand (inflated, with a ceiling, when compressed). */
function parseITxt(c: PngChunk): ITxt | null {
  const keywordEnd = c.data.indexOf(0)
  if (keywordEnd < 1 || keywordEnd > 79 || keywordEnd + 3 > c.data.length) return null
  const keyword = c.data.toString('latin1', 0, keywordEnd)
  const compressed = c.data[keywordEnd + 1] === 1
  const languageEnd = c.data.indexOf(0, keywordEnd + 3)
  const translatedEnd = languageEnd === -1 ? -1 : c.data.indexOf(0, languageEnd + 1)
  if (translatedEnd === -1) return null
  const body = c.data.subarray(translatedEnd + 1)
  return {
    keyword,
    text: () => {
      if (!compressed) {
        if (body.length > XMP_READ_MAX_BYTES)
          throw new RecipeError('RECIPE_TOO_LARGE', `The PNG's "${keyword}" text is too large to read.`)
        return body.toString('utf8')
      }
      try {
        return inflateSync(body, { maxOutputLength: XMP_READ_MAX_BYTES }).toString('utf8')
      } catch (error) {
        throw new RecipeError(
          'RECIPE_INVALID',
          `The PNG's compressed "${keyword}" text cannot be inflated (or is too large).`,
          { cause: error },
        )
      }
    },
  }
}

const isOurs = (c: PngChunk): boolean => {
  if (c.type !== 'iTXt') return false
  const keyword = parseITxt(c)?.keyword
  return keyword === PNG_RECIPE_KEYWORD || keyword === PNG_XMP_KEYWORD
}

/** The PNG with the recipe embedded; an earlier recipe (and XMP packet) is replaced, never doubled. */
export function embedInPng(file: Buffer, recipe: Recipe): Buffer {
  const chunks = readChunks(file)
  const ours = [iTXt(PNG_RECIPE_KEYWORD, JSON.stringify(recipe)), iTXt(PNG_XMP_KEYWORD, buildXmp(recipe))]
  const kept = chunks.filter((c) => !isOurs(c)).map((c) => c.raw)
  return Buffer.concat([PNG_SIGNATURE, kept[0]!, ...ours, ...kept.slice(1)])
}

/** The recipe in a PNG: the `atelier:recipe` chunk, else the XMP packet's; null when neither holds one. */
export function readFromPng(file: Buffer): Recipe | null {
  const texts = readChunks(file)
    .filter((c) => c.type === 'iTXt')
    .map((c) => {
      const parsed = parseITxt(c)
      return parsed && { ...parsed, text: () => (checked(c), parsed.text()) }
    })
    .filter((t): t is ITxt => t !== null)
  const own = texts.find((t) => t.keyword === PNG_RECIPE_KEYWORD)
  if (own) return recipeFromJson(own.text())
  const xmp = texts.find((t) => t.keyword === PNG_XMP_KEYWORD)
  return xmp ? recipeFromXmp(xmp.text()) : null
}
