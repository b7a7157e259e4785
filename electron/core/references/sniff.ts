/**
 * What a file really is, from its first bytes. File names and MIME types from
 * the OS lie (a text file renamed .jpg, a PNG saved as .jpeg); magic bytes do not.
 */

/** Raster formats sharp decodes in this build (HEIC only where libheif has an HEVC decoder). */
export type RasterFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif' | 'heic'
/** Recognised, but never decoded here. */
export type ForeignFormat = 'svg' | 'bmp' | 'jxl' | 'jp2' | 'psd'
export type SniffedFormat = RasterFormat | ForeignFormat

export const FORMAT_LABELS: Record<SniffedFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WEBP',
  gif: 'GIF',
  tiff: 'TIFF',
  avif: 'AVIF',
  heic: 'HEIC',
  svg: 'SVG',
  bmp: 'BMP',
  jxl: 'JPEG XL',
  jp2: 'JPEG 2000',
  psd: 'Photoshop',
}

export const FORMAT_MIME: Record<SniffedFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  tiff: 'image/tiff',
  avif: 'image/avif',
  heic: 'image/heic',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  jxl: 'image/jxl',
  jp2: 'image/jp2',
  psd: 'image/vnd.adobe.photoshop',
}

/** The formats the provider accepts in `images` (as data URIs or links). */
export const API_FORMATS: readonly SniffedFormat[] = ['jpeg', 'png', 'webp']

export const isRasterFormat = (format: SniffedFormat): format is RasterFormat =>
  format !== 'svg' && format !== 'bmp' && format !== 'jxl' && format !== 'jp2' && format !== 'psd'

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte)

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)))

const AVIF_BRANDS = new Set(['avif', 'avis'])
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs'])
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1', 'miaf'])

/** ISO-BMFF `ftyp` box: major brand, then compatible brands, decide AVIF vs HEIC. */
function sniffHeif(bytes: Uint8Array): SniffedFormat | null {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return null
  const boxSize = ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)
  const major = ascii(bytes, 8, 12)
  const compatible: string[] = []
  for (let offset = 16; offset + 4 <= Math.min(boxSize, bytes.length, 256); offset += 4) {
    compatible.push(ascii(bytes, offset, offset + 4))
  }
  if (AVIF_BRANDS.has(major)) return 'avif'
  if (HEIC_BRANDS.has(major)) return 'heic'
  if (!GENERIC_HEIF_BRANDS.has(major)) return null
  if (compatible.some((brand) => AVIF_BRANDS.has(brand))) return 'avif'
  // A generic HEIF container without an AVIF brand: in practice an iPhone-style HEIC.
  return 'heic'
}

/** BMP's two-letter magic is weak on its own; the DIB header size makes it certain. */
function looksLikeBmp(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x42, 0x4d]) || bytes.length < 18) return false
  const dibSize = (bytes[14] ?? 0) | ((bytes[15] ?? 0) << 8) | ((bytes[16] ?? 0) << 16) | ((bytes[17] ?? 0) << 24)
  return [12, 16, 40, 52, 56, 64, 108, 124].includes(dibSize)
}

/** SVG is XML text whose first element is <svg> (after a BOM, an XML prolog, comments, a doctype). */
function looksLikeSvg(bytes: Uint8Array): boolean {
  let head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '')
  const preamble = /^\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype[^>[]*(?:\[[\s\S]*?\])?\s*>)/i
  for (let match = preamble.exec(head); match; match = preamble.exec(head)) head = head.slice(match[0].length)
  return /^\s*<svg[\s>/]/i.test(head)
}

export function sniffFormat(bytes: Uint8Array): SniffedFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp'
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif'
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff'
  // BigTIFF
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff'
  const heif = sniffHeif(bytes)
  if (heif) return heif
  if (startsWith(bytes, [0xff, 0x0a])) return 'jxl'
  if (startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return 'jxl'
  if (startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20])) return 'jp2'
  if (ascii(bytes, 0, 4) === '8BPS') return 'psd'
  if (looksLikeBmp(bytes)) return 'bmp'
  if (looksLikeSvg(bytes)) return 'svg'
  return null
}
