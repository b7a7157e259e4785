/**
 * WebP: the XMP packet in an `XMP ` chunk of the extended (VP8X) layout, with
 * VP8X's XMP flag set. A simple file (one `VP8 ` or `VP8L` chunk) is given a
 * VP8X header first, its canvas size read from the bitstream. The image chunks
 * are copied byte for byte, so the pixels are untouched.
 */
import { malformed } from './errors'
import type { Recipe } from './schema'
import { buildXmp, recipeFromXmp } from './xmp'

const FLAG_ALPHA = 0x10
const FLAG_XMP = 0x04

interface RiffChunk {
  fourcc: string
  data: Buffer
}

function readChunks(file: Buffer): RiffChunk[] {
  if (file.length < 12 || file.toString('latin1', 0, 4) !== 'RIFF' || file.toString('latin1', 8, 12) !== 'WEBP') {
    throw malformed('This is not a WebP file (no RIFF/WEBP header).')
  }
  const riffEnd = 8 + file.readUInt32LE(4)
  if (riffEnd > file.length) throw malformed('The WebP file is shorter than its RIFF header says.')
  const chunks: RiffChunk[] = []
  let at = 12
  while (at < riffEnd) {
    if (at + 8 > riffEnd) throw malformed('The WebP file ends in the middle of a chunk header.')
    const fourcc = file.toString('latin1', at, at + 4)
    const size = file.readUInt32LE(at + 4)
    if (at + 8 + size > riffEnd)
      throw malformed(`A WebP "${fourcc}" chunk claims ${size} bytes, more than the file holds.`)
    chunks.push({ fourcc, data: file.subarray(at + 8, at + 8 + size) })
    at += 8 + size + (size % 2)
  }
  if (chunks.length === 0) throw malformed('The WebP file holds no chunks.')
  return chunks
}

function writeChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.write(fourcc, 0, 'latin1')
  head.writeUInt32LE(data.length, 4)
  return Buffer.concat(data.length % 2 ? [head, data, Buffer.alloc(1)] : [head, data])
}

/** Canvas size and alpha of a simple file's bitstream. */
function bitstreamInfo(image: RiffChunk): { width: number; height: number; alpha: boolean } {
  const d = image.data
  if (image.fourcc === 'VP8 ') {
    // Frame tag (3 bytes, key frame when bit 0 is clear), start code 9D 01 2A, then 14-bit sizes.
    if (d.length < 10 || (d[0]! & 1) !== 0 || d[3] !== 0x9d || d[4] !== 0x01 || d[5] !== 0x2a)
      throw malformed('The WebP VP8 bitstream has no valid key frame header.')
    return { width: d.readUInt16LE(6) & 0x3fff, height: d.readUInt16LE(8) & 0x3fff, alpha: false }
  }
  // VP8L: signature 0x2F, then width-1 and height-1 in 14 bits each, then the alpha hint.
  if (d.length < 5 || d[0] !== 0x2f) throw malformed('The WebP VP8L bitstream has no valid header.')
  const bits = d.readUInt32LE(1)
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 }
}

function vp8x(flags: number, width: number, height: number): RiffChunk {
  if (width < 1 || height < 1) throw malformed('The WebP bitstream gives an empty canvas.')
  const data = Buffer.alloc(10)
  data[0] = flags
  data.writeUIntLE(width - 1, 4, 3)
  data.writeUIntLE(height - 1, 7, 3)
  return { fourcc: 'VP8X', data }
}

/** The WebP with the recipe's XMP packet; an earlier XMP chunk is replaced, never doubled. */
export function embedInWebp(file: Buffer, recipe: Recipe): Buffer {
  const chunks = readChunks(file)
  const first = chunks[0]!
  let header: RiffChunk
  let rest: RiffChunk[]
  if (first.fourcc === 'VP8X') {
    if (first.data.length < 10) throw malformed('The WebP VP8X chunk is too short.')
    const data = Buffer.from(first.data)
    data[0] = data[0]! | FLAG_XMP
    header = { fourcc: 'VP8X', data }
    rest = chunks.slice(1)
  } else if (first.fourcc === 'VP8 ' || first.fourcc === 'VP8L') {
    const info = bitstreamInfo(first)
    header = vp8x(FLAG_XMP | (info.alpha ? FLAG_ALPHA : 0), info.width, info.height)
    rest = chunks
  } else {
    throw malformed(`The WebP file starts with an unexpected "${first.fourcc}" chunk.`)
  }
  // The specification puts XMP after the image data and EXIF; unknown chunks may follow.
  const body = [
    header,
    ...rest.filter((c) => c.fourcc !== 'XMP '),
    { fourcc: 'XMP ', data: Buffer.from(buildXmp(recipe), 'utf8') },
  ]
  const payload = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...body.map((c) => writeChunk(c.fourcc, c.data))])
  const riff = Buffer.alloc(8)
  riff.write('RIFF', 0, 'latin1')
  riff.writeUInt32LE(payload.length, 4)
  return Buffer.concat([riff, payload])
}

/** The recipe in a WebP's XMP chunk; null when it has none (or XMP without a recipe). */
export function readFromWebp(file: Buffer): Recipe | null {
  const xmp = readChunks(file).find((c) => c.fourcc === 'XMP ')
  return xmp ? recipeFromXmp(xmp.data.toString('utf8')) : null
}
