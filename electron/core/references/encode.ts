/**
 * Decode → orient → downscale → re-encode. Output carries no metadata at all
 * (sharp writes none unless asked), so camera model and GPS never leave the
 * machine; colours are converted to 8-bit sRGB, which the model expects.
 */
import sharp, { type Sharp } from 'sharp'
import { DECODE_OPTIONS } from './inspect'

export interface EncodedImage {
  bytes: Buffer
  format: 'jpeg' | 'png' | 'webp'
  mime: 'image/jpeg' | 'image/png' | 'image/webp'
  width: number
  height: number
}

/** How an opaque reference is written (the API takes JPEG, PNG and WEBP). */
export type ReferenceEncoding =
  | { format: 'webp'; quality: number; effort: number }
  /**
   * `mozjpeg` true: mozjpeg's full settings (trellis quantisation, its tables).
   * false: plain libjpeg coding with optimised Huffman tables and the given
   * quantisation table (0 = the JPEG standard's, 3 = the one mozjpeg uses).
   */
  | { format: 'jpeg'; quality: number; mozjpeg: boolean; quantisationTable?: number }

/**
 * Chosen by measurement (bench/references.ts; figures and reasoning in
 * docs/references.md). On 24 MP photos, mozjpeg's quantisation table without
 * its trellis search gives the same bytes and fidelity (PSNR) as full mozjpeg
 * q88 for a tenth of the encode time, so a tray prepares within 2× of the bare
 * decode + resize. WEBP halves the bytes but its encoder costs as much again
 * as the decode.
 */
export const DEFAULT_ENCODING: ReferenceEncoding = { format: 'jpeg', quality: 85, mozjpeg: false, quantisationTable: 3 }

/** The encoder Atelier used before it measured; the bench's baseline. */
export const MOZJPEG_Q88: ReferenceEncoding = { format: 'jpeg', quality: 88, mozjpeg: true }

const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const

/** Applies an encoding to a pipeline. mozjpeg's scan optimisation is never worth its time here. */
export function applyEncoding(pipeline: Sharp, encoding: ReferenceEncoding): Sharp {
  if (encoding.format === 'webp') return pipeline.webp({ quality: encoding.quality, effort: encoding.effort })
  return encoding.mozjpeg
    ? pipeline.jpeg({ quality: encoding.quality, mozjpeg: true, optimiseScans: false })
    : pipeline.jpeg({
        quality: encoding.quality,
        optimiseCoding: true,
        quantisationTable: encoding.quantisationTable ?? 0,
      })
}

export interface EncodeOptions {
  maxEdge: number
  encoding: ReferenceEncoding
}

/** The shared front half: first frame/page only (sharp's default), oriented, shrunk, sRGB. */
function decodeAndResize(input: Buffer, maxEdge: number): Sharp {
  return sharp(input, DECODE_OPTIONS)
    .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
}

/** True when any pixel of the last (alpha) band of interleaved 8-bit data is below 255. */
function hasTransparentPixel(data: Buffer, channels: number): boolean {
  for (let i = channels - 1; i < data.length; i += channels) {
    if (data[i] !== 255) return true
  }
  return false
}

/**
 * Re-encodes an image with the chosen encoding, or as PNG when it has real transparency (an alpha
 * channel with at least one pixel below fully opaque). Throws sharp's error
 * for anything it cannot decode; the caller turns that into a refusal.
 */
export async function encodeReference(input: Buffer, hasAlpha: boolean, options: EncodeOptions): Promise<EncodedImage> {
  if (!hasAlpha) {
    // The common case (camera JPEGs): one pipeline, no intermediate copy.
    const { data, info } = await applyEncoding(decodeAndResize(input, options.maxEdge), options.encoding).toBuffer({
      resolveWithObject: true,
    })
    const format = options.encoding.format
    return { bytes: data, format, mime: MIME[format], width: info.width, height: info.height }
  }

  // An alpha channel is often fully opaque (screenshots, GIFs): look at the pixels, then choose.
  const { data, info } = await decodeAndResize(input, options.maxEdge)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } }
  if (hasTransparentPixel(data, info.channels)) {
    // Adaptive filtering roughly halves photo-like PNGs; zlib level 9 on top costs 5× the time for ~6 %.
    const png = await sharp(data, raw).png({ adaptiveFiltering: true }).toBuffer()
    return { bytes: png, format: 'png', mime: 'image/png', width: info.width, height: info.height }
  }
  const opaque = await applyEncoding(sharp(data, raw).removeAlpha(), options.encoding).toBuffer()
  const format = options.encoding.format
  return { bytes: opaque, format, mime: MIME[format], width: info.width, height: info.height }
}

/** A small opaque JPEG for the UI (URL references), transparency flattened onto white. */
export async function encodePreview(input: Buffer, longEdge: number): Promise<EncodedImage> {
  const { data, info } = await decodeAndResize(input, longEdge)
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer({ resolveWithObject: true })
  return { bytes: data, format: 'jpeg', mime: 'image/jpeg', width: info.width, height: info.height }
}
