/**
 * JPEG: the XMP packet in a standard APP1 segment (`http://ns.adobe.com/xap/1.0/`),
 * placed after the JFIF/Exif headers. Segments up to the start of scan are
 * re-listed; the rest of the file (the compressed image) is copied byte for byte.
 */
import { malformed, RecipeError } from './errors'
import type { Recipe } from './schema'
import { buildXmp, recipeFromXmp } from './xmp'

const XMP_HEADER = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1')
const EXIF_HEADER = Buffer.from('Exif\0', 'latin1')
/** A segment's length field counts itself (2 bytes) and tops out at 0xFFFF. */
export const JPEG_XMP_MAX_BYTES = 0xffff - 2 - XMP_HEADER.length

const SOI = 0xd8
const SOS = 0xda
const APP0 = 0xe0
const APP1 = 0xe1

interface Segment {
  marker: number
  /** The payload after the length field. */
  data: Buffer
  raw: Buffer
}

/** The header segments (everything before the scan) and where the scan starts. */
function readSegments(file: Buffer): { segments: Segment[]; scanAt: number } {
  if (file.length < 4 || file[0] !== 0xff || file[1] !== SOI)
    throw malformed('This is not a JPEG file (no start-of-image marker).')
  const segments: Segment[] = []
  let at = 2
  for (;;) {
    if (at >= file.length) throw malformed('The JPEG file ends before its image data.')
    if (file[at] !== 0xff) throw malformed(`The JPEG file has stray bytes where a marker should be (offset ${at}).`)
    // Markers may be preceded by any number of 0xFF fill bytes.
    let markerAt = at
    while (file[markerAt + 1] === 0xff) markerAt++
    const marker = file[markerAt + 1]
    if (marker === undefined) throw malformed('The JPEG file ends in a marker.')
    if (marker === SOS) return { segments, scanAt: at }
    if (marker === SOI || marker === 0xd9 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0x00) {
      throw malformed(
        `The JPEG file has an unexpected marker 0xFF${marker.toString(16).toUpperCase()} before its image data.`,
      )
    }
    if (markerAt + 4 > file.length) throw malformed('The JPEG file ends in a segment header.')
    const length = file.readUInt16BE(markerAt + 2)
    const end = markerAt + 2 + length
    if (length < 2 || end > file.length)
      throw malformed(`A JPEG segment claims ${length} bytes, more than the file holds.`)
    segments.push({ marker, data: file.subarray(markerAt + 4, end), raw: file.subarray(at, end) })
    at = end
  }
}

const isXmp = (s: Segment): boolean => s.marker === APP1 && s.data.subarray(0, XMP_HEADER.length).equals(XMP_HEADER)
const isHeader = (s: Segment): boolean =>
  s.marker === APP0 || (s.marker === APP1 && s.data.subarray(0, EXIF_HEADER.length).equals(EXIF_HEADER))

/** The JPEG with the recipe's XMP packet; an earlier XMP packet is replaced, never doubled. */
export function embedInJpeg(file: Buffer, recipe: Recipe): Buffer {
  const { segments, scanAt } = readSegments(file)
  const packet = Buffer.from(buildXmp(recipe), 'utf8')
  if (packet.length > JPEG_XMP_MAX_BYTES) {
    throw new RecipeError(
      'RECIPE_TOO_LARGE',
      `The recipe's XMP packet (${packet.length} bytes) does not fit in one JPEG segment.`,
    )
  }
  const length = Buffer.alloc(4)
  length.writeUInt8(0xff, 0)
  length.writeUInt8(APP1, 1)
  length.writeUInt16BE(2 + XMP_HEADER.length + packet.length, 2)
  const ours = Buffer.concat([length, XMP_HEADER, packet])
  const kept = segments.filter((s) => !isXmp(s))
  let insertAt = 0
  while (insertAt < kept.length && isHeader(kept[insertAt]!)) insertAt++
  return Buffer.concat([
    file.subarray(0, 2),
    ...kept.slice(0, insertAt).map((s) => s.raw),
    ours,
    ...kept.slice(insertAt).map((s) => s.raw),
    file.subarray(scanAt),
  ])
}

/** The recipe in a JPEG's XMP packet; null when it has none (or XMP without a recipe). */
export function readFromJpeg(file: Buffer): Recipe | null {
  const xmp = readSegments(file).segments.find(isXmp)
  return xmp ? recipeFromXmp(xmp.data.subarray(XMP_HEADER.length).toString('utf8')) : null
}
