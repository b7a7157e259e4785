/**
 * Decode → orient → downscale → re-encode. Output carries no metadata at all
 * (sharp writes none unless asked), so camera model and GPS never leave the
 * machine; colours are converted to 8-bit sRGB, which the model expects.
 */
import sharp, { type JpegOptions, type Sharp } from 'sharp'
import { DECODE_OPTIONS } from './inspect'

export interface EncodedImage {
  bytes: Buffer
  format: 'jpeg' | 'png'
  mime: 'image/jpeg' | 'image/png'
  width: number
  height: number
}

export interface EncodeOptions {
  maxEdge: number
  jpegQuality: number
}

/**
 * mozjpeg's trellis quantisation and tables give smaller files that are also
 * closer to the source than libjpeg's at the same quality. Its scan
 * optimisation costs ~40 % more encode time for ~2.5 % fewer bytes: skipped.
 */
export const jpegOptions = (quality: number): JpegOptions => ({ quality, mozjpeg: true, optimiseScans: false })

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
 * Re-encodes an image as JPEG, or as PNG when it has real transparency (an alpha
 * channel with at least one pixel below fully opaque). Throws sharp's error
 * for anything it cannot decode; the caller turns that into a refusal.
 */
export async function encodeReference(input: Buffer, hasAlpha: boolean, options: EncodeOptions): Promise<EncodedImage> {
  if (!hasAlpha) {
    // The common case (camera JPEGs): one pipeline, no intermediate copy.
    const { data, info } = await decodeAndResize(input, options.maxEdge)
      .jpeg(jpegOptions(options.jpegQuality))
      .toBuffer({ resolveWithObject: true })
    return { bytes: data, format: 'jpeg', mime: 'image/jpeg', width: info.width, height: info.height }
  }

  // An alpha channel is often fully opaque (screenshots, GIFs): look at the pixels, then choose.
  const { data, info } = await decodeAndResize(input, options.maxEdge).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } }
  if (hasTransparentPixel(data, info.channels)) {
    // Adaptive filtering roughly halves photo-like PNGs; zlib level 9 on top costs 5× the time for ~6 %.
    const png = await sharp(data, raw).png({ adaptiveFiltering: true }).toBuffer()
    return { bytes: png, format: 'png', mime: 'image/png', width: info.width, height: info.height }
  }
  const jpeg = await sharp(data, raw).removeAlpha().jpeg(jpegOptions(options.jpegQuality)).toBuffer()
  return { bytes: jpeg, format: 'jpeg', mime: 'image/jpeg', width: info.width, height: info.height }
}

/** A small opaque JPEG for the UI (URL references), transparency flattened onto white. */
export async function encodePreview(input: Buffer, longEdge: number): Promise<EncodedImage> {
  const { data, info } = await decodeAndResize(input, longEdge)
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer({ resolveWithObject: true })
  return { bytes: data, format: 'jpeg', mime: 'image/jpeg', width: info.width, height: info.height }
}
