/** Decoding checks and thumbnails with sharp: a result is kept only if it decodes whole. */
import sharp from 'sharp'
import { GRID_THUMB_EDGE } from '../../../shared/thumbnails'

export const THUMB_LONG_EDGE = 512

const FORMATS: Record<string, { ext: string; mime: string }> = {
  png: { ext: 'png', mime: 'image/png' },
  jpeg: { ext: 'jpg', mime: 'image/jpeg' },
  webp: { ext: 'webp', mime: 'image/webp' },
  gif: { ext: 'gif', mime: 'image/gif' },
  avif: { ext: 'avif', mime: 'image/avif' },
  heif: { ext: 'avif', mime: 'image/avif' },
}

export const RESULT_EXTENSIONS = [...new Set(Object.values(FORMATS).map((f) => f.ext))]

export interface DecodedImage {
  width: number
  height: number
  ext: string
  mime: string
}

/** Fully decodes the file (a truncated or garbled image throws); null when the format is not one we keep. */
export async function decodeWhole(path: string): Promise<DecodedImage | null> {
  const metadata = await sharp(path, { failOn: 'error' }).metadata()
  const format = metadata.format ? FORMATS[metadata.format] : undefined
  if (!format || !metadata.width || !metadata.height) return null
  // metadata() reads only the header; stats() decodes every pixel.
  await sharp(path, { failOn: 'error' }).stats()
  const rotated = (metadata.orientation ?? 1) >= 5
  return {
    width: rotated ? metadata.height : metadata.width,
    height: rotated ? metadata.width : metadata.height,
    ext: format.ext,
    mime: format.mime,
  }
}

/** A WebP thumbnail, long edge 512, never enlarged. */
export async function writeThumbnail(source: string, destination: string): Promise<void> {
  await sharp(source, { failOn: 'error' })
    .rotate()
    .resize({ width: THUMB_LONG_EDGE, height: THUMB_LONG_EDGE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 82 })
    .toFile(destination)
}

/**
 * The grid's thumbnail (shared/thumbnails.ts), from a thumbnail: cover-fitted, short edge
 * GRID_THUMB_EDGE, never enlarged. WebP bytes.
 */
export async function encodeGridThumbnail(thumbnail: string): Promise<Buffer> {
  return sharp(thumbnail, { failOn: 'error' })
    .resize({ width: GRID_THUMB_EDGE, height: GRID_THUMB_EDGE, fit: 'outside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer()
}
