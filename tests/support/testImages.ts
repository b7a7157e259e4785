/**
 * Test inputs made with real sharp at test time (no binary fixtures in git).
 * Used by the *.test.ts files beside this one and by bench/references.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'
import { mulberry32 } from '../../electron/core/simulator/dice'

export type Rgb = readonly [number, number, number]

/** Interleaved 8-bit pixels from a function of (x, y). */
export function rawPixels(
  width: number,
  height: number,
  channels: 3 | 4,
  pixel: (x: number, y: number) => readonly number[],
): Buffer {
  const data = Buffer.alloc(width * height * channels)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(pixel(x, y).slice(0, channels), (y * width + x) * channels)
  }
  return data
}

export const fromRaw = (data: Buffer, width: number, height: number, channels: 3 | 4) =>
  sharp(data, { raw: { width, height, channels } })

/** A flat colour image in any format sharp writes. */
export function solid(width: number, height: number, colour: Rgb, alpha = 1) {
  const [r, g, b] = colour
  return sharp({ create: { width, height, channels: alpha < 1 ? 4 : 3, background: { r, g, b, alpha } } })
}

/** Deterministic pseudo-random bytes (an LCG): repeatable inputs without fixtures. */
export function noiseBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length)
  let state = (seed * 2654435761) >>> 0 || 1
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    out[i] = state >>> 24
  }
  return out
}

/**
 * A cheap stand-in for a photo: smooth random shapes (a tiny random image
 * upscaled) plus fine random texture, so JPEG sizes resemble a camera's.
 * `grain` 0 gives only the smooth part (fast, small files).
 */
export async function photoLike(width: number, height: number, seed: number, grain = 0): Promise<Buffer> {
  const scene = await sharp(noiseBytes(24 * 16 * 3, seed), { raw: { width: 24, height: 16, channels: 3 } })
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer()
  if (grain <= 0) return scene
  const textureWidth = Math.ceil(width / 4)
  const textureHeight = Math.ceil(height / 4)
  const texture = await sharp(noiseBytes(textureWidth * textureHeight * 3, seed + 1), {
    raw: { width: textureWidth, height: textureHeight, channels: 3 },
  })
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer()
  const sensor = noiseBytes(scene.length, seed + 2)
  for (let i = 0; i < scene.length; i++) {
    const value =
      (scene[i] ?? 0) * 0.8 + ((texture[i] ?? 0) - 128) * 0.25 * grain + (((sensor[i] ?? 0) & 15) - 7) * grain
    scene[i] = value < 0 ? 0 : value > 255 ? 255 : value
  }
  return scene
}

/** A PNG whose header claims `width`×`height`, 1-bit grey, all black: tiny on disk, huge when decoded. */
export function hugeBlackPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), body.length + 4)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 1 // bit depth
  ihdr[9] = 0 // greyscale
  const rowBytes = 1 + Math.ceil(width / 8)
  const idat = deflateSync(Buffer.alloc(rowBytes * height), { level: 9 })
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A 2×2 24-bit Windows bitmap, written by hand (sharp cannot write BMP). */
export function tinyBmp(): Buffer {
  const rowBytes = 8 // 2 px × 3 bytes, padded to 4
  const pixels = rowBytes * 2
  const out = Buffer.alloc(54 + pixels)
  out.write('BM', 0, 'latin1')
  out.writeUInt32LE(out.length, 2)
  out.writeUInt32LE(54, 10)
  out.writeUInt32LE(40, 14)
  out.writeInt32LE(2, 18)
  out.writeInt32LE(2, 22)
  out.writeUInt16LE(1, 26)
  out.writeUInt16LE(24, 28)
  out.writeUInt32LE(pixels, 34)
  out.fill(0xff, 54)
  return out
}

/**
 * An AVIF relabelled as HEIC (brand `heic`, HEVC item type). sharp's prebuilt
 * libheif has no HEVC decoder, and this file is not valid HEVC anyway: either
 * way it exercises the "HEIC can't be read here" path.
 */
export async function heicLike(): Promise<Buffer> {
  const bytes = Buffer.from(await solid(16, 16, [200, 40, 40]).avif().toBuffer())
  for (const [from, to] of [
    ['avif', 'heic'],
    ['av01', 'hvc1'],
    ['av1C', 'hvcC'],
  ] as const) {
    for (let at = bytes.indexOf(from, 0, 'latin1'); at >= 0; at = bytes.indexOf(from, at + 4, 'latin1'))
      bytes.write(to, at, 'latin1')
  }
  return bytes
}

/** A fresh folder under the OS temp dir, and its removal. */
export async function tempFolder(prefix = 'atelier-refs-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** The RGB of one pixel of a decoded image. */
export async function pixelAt(image: Uint8Array, x: number, y: number): Promise<Rgb> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const at = (y * info.width + x) * info.channels
  return [data[at] ?? 0, data[at + 1] ?? 0, data[at + 2] ?? 0]
}

/** A seeded random source (mulberry32, the simulator's own), so every run is the same. */
const seededRandom = mulberry32

/**
 * A stand-in for a camera photo that does not flatter any encoder: a "dead
 * leaves" scene (the occlusion model behind ISO camera texture charts — hard
 * edges at every scale, sizes following a power law), shaded and textured by
 * fractal noise (detail at every octave, falling off as in natural images),
 * plus sensor grain. Flat gradients compress unrealistically well; white noise
 * unrealistically badly; this sits where phone photos do.
 */
export async function cameraPhoto(width: number, height: number, seed: number): Promise<Buffer> {
  const random = seededRandom(seed)
  const shapes: string[] = []
  const longEdge = Math.max(width, height)
  for (let i = 0; i < 1600; i++) {
    // r ∝ u^-1/2 between longEdge/400 and longEdge/4: many small leaves, few large ones.
    const r = Math.min(longEdge / 4, longEdge / 400 / Math.sqrt(1 - random() * 0.99))
    const [x, y] = [random() * width, random() * height]
    const hue = Math.floor(random() * 360)
    const fill = `hsl(${hue},${Math.floor(20 + random() * 60)}%,${Math.floor(15 + random() * 70)}%)`
    shapes.push(
      random() < 0.5
        ? `<circle cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" r="${r.toFixed(0)}" fill="${fill}"/>`
        : `<rect x="${(x - r).toFixed(0)}" y="${(y - r * 0.6).toFixed(0)}" width="${(2 * r).toFixed(0)}" height="${(1.2 * r).toFixed(0)}" fill="${fill}" transform="rotate(${Math.floor(random() * 180)} ${x.toFixed(0)} ${y.toFixed(0)})"/>`,
    )
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#7a8a70"/>${shapes.join('')}</svg>`
  const scene = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer()

  // Fractal luminance texture: octaves of smooth noise, amplitude halving with each halving of scale… roughly 1/f.
  const texture = new Float32Array(width * height)
  for (let octave = 0, size = 8, amplitude = 40; size <= longEdge / 2; octave++, size *= 2, amplitude *= 0.6) {
    const w = Math.max(2, Math.round((size * width) / longEdge))
    const h = Math.max(2, Math.round((size * height) / longEdge))
    const layer = await sharp(noiseBytes(w * h, seed * 31 + octave), { raw: { width: w, height: h, channels: 1 } })
      .resize(width, height, { fit: 'fill', kernel: 'cubic' })
      .raw()
      .toBuffer()
    for (let i = 0; i < texture.length; i++) texture[i]! += (((layer[i] ?? 128) - 128) / 128) * amplitude
  }
  const grain = noiseBytes(scene.length, seed + 7)
  for (let i = 0; i < scene.length; i++) {
    const value = (scene[i] ?? 0) + (texture[Math.floor(i / 3)] ?? 0) + (((grain[i] ?? 0) & 7) - 3.5)
    scene[i] = value < 0 ? 0 : value > 255 ? 255 : value
  }
  return scene
}
