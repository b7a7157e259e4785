/**
 * The checks that run before a single pixel is decoded: size, real format (from
 * magic bytes), and the dimensions the header claims. Cheap, so a bad drop is
 * refused at once and a decompression bomb never reaches the decoder.
 */
import sharp, { type Metadata, type SharpOptions } from 'sharp'
import { MAX_INPUT_BYTES, MAX_INPUT_PIXELS, refuse } from './refusals'
import { FORMAT_MIME, isRasterFormat, sniffFormat, type SniffedFormat } from './sniff'

export interface ImageInfo {
  /** What the bytes really are, whatever the file was called. */
  format: SniffedFormat
  mime: string
  /** As displayed: EXIF orientation applied. */
  width: number
  height: number
  hasAlpha: boolean
  /** Frames (GIF, WEBP) or pages (TIFF); only the first is ever used. */
  pages: number
  bytes: number
}

/**
 * How every untrusted image is opened. `failOn: 'truncated'` refuses a cut-off
 * file instead of padding it with grey; the pixel limit backs up our own check.
 */
export const DECODE_OPTIONS = {
  failOn: 'truncated',
  limitInputPixels: MAX_INPUT_PIXELS,
  autoOrient: true,
} as const satisfies SharpOptions

export const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** BMP is read only where sharp was built with ImageMagick (never with the prebuilt binaries). */
const canDecode = (format: SniffedFormat): boolean =>
  isRasterFormat(format) || (format === 'bmp' && sharp.format.magick.input.buffer)

/**
 * Reads what an image is without decoding it, or throws a ReferenceRefusedError
 * saying why it can't be used.
 */
export async function readImageInfo(bytes: Uint8Array, name = ''): Promise<ImageInfo> {
  if (bytes.byteLength === 0) throw refuse.empty(name)
  if (bytes.byteLength > MAX_INPUT_BYTES) throw refuse.tooLarge(name, bytes.byteLength)

  const format = sniffFormat(bytes)
  if (format === null) throw refuse.notImage(name)
  if (format === 'svg') throw refuse.svg(name)
  if (!canDecode(format)) throw refuse.unsupported(name, format)

  let metadata: Metadata
  try {
    // Header only. No pixel limit here, so an oversized image gets our own, clearer refusal below.
    metadata = await sharp(asBuffer(bytes), { ...DECODE_OPTIONS, limitInputPixels: false }).metadata()
  } catch (error) {
    throw format === 'heic' ? refuse.unsupported(name, format, error) : refuse.corrupt(name, error)
  }

  const rawWidth = metadata.width
  const rawHeight = metadata.pageHeight ?? metadata.height
  if (!(rawWidth > 0) || !(rawHeight > 0)) throw refuse.corrupt(name)
  if (rawWidth * rawHeight > MAX_INPUT_PIXELS) throw refuse.tooManyPixels(name, rawWidth, rawHeight)

  // EXIF orientations 5–8 swap the axes.
  const swapped = (metadata.orientation ?? 1) >= 5
  return {
    format,
    mime: FORMAT_MIME[format],
    width: swapped ? rawHeight : rawWidth,
    height: swapped ? rawWidth : rawHeight,
    hasAlpha: metadata.hasAlpha,
    pages: metadata.pages ?? 1,
    bytes: bytes.byteLength,
  }
}
