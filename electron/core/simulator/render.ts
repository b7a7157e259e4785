/**
 * Draws a simulated result: a gradient whose colours come from the prompt, the
 * prompt itself, and the reference images as a strip of tiles — so a remix
 * visibly uses its inputs. Cheap enough for a 2-core test box; the server
 * renders each task once and caches the PNG.
 */
import { createHash } from 'node:crypto'
import sharp, { type OverlayOptions } from 'sharp'
import type { AcceptedReference } from './references'
import type { SimRatio } from './validation'

export interface RenderInput {
  taskUuid: string
  prompt: string
  aspectRatio: SimRatio | null
  references: AcceptedReference[]
  longEdge: number
}

const PROMPT_SHOWN_MAX = 300

/** "auto" follows the first image reference's orientation (URLs are never fetched), else square. */
export function effectiveRatio(aspectRatio: SimRatio | null, references: AcceptedReference[]): SimRatio {
  if (aspectRatio) return aspectRatio
  const first = references.find((reference) => reference.kind === 'image')
  if (!first || first.width === first.height) return '1:1'
  return first.width > first.height ? '4:3' : '3:4'
}

export function resultSize(ratio: SimRatio, longEdge: number): { width: number; height: number } {
  const short = Math.round((longEdge * 3) / 4)
  if (ratio === '4:3') return { width: longEdge, height: short }
  if (ratio === '3:4') return { width: short, height: longEdge }
  return { width: longEdge, height: longEdge }
}

const xmlEscape = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')

function paletteFor(prompt: string): { from: string; to: string; accent: string } {
  const digest = createHash('sha256').update(prompt).digest()
  const hue = (index: number): number => Math.round(((digest[index] ?? 0) / 256) * 360)
  return {
    from: `hsl(${hue(0)}, 62%, 42%)`,
    to: `hsl(${hue(1)}, 58%, 24%)`,
    accent: `hsl(${hue(2)}, 70%, 60%)`,
  }
}

function backgroundSvg(width: number, height: number, input: RenderInput, ratio: SimRatio, textBox: Box): Buffer {
  const { from, to, accent } = paletteFor(input.prompt)
  const caption = `runblob simulator · ${ratio}${input.aspectRatio ? '' : ' (auto)'} · ${input.taskUuid.slice(0, 8)}`
  const captionSize = Math.max(10, Math.round(Math.min(width, height) / 48))
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/>
      </linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#g)"/>
      <circle cx="${width * 0.82}" cy="${height * 0.2}" r="${Math.min(width, height) * 0.22}" fill="${accent}" fill-opacity="0.35"/>
      <rect x="${textBox.left - 8}" y="${textBox.top - 8}" width="${textBox.width + 16}" height="${textBox.height + 16}"
        rx="12" fill="#000" fill-opacity="0.28"/>
      <text x="${width - 12}" y="${height - 10}" text-anchor="end" font-family="sans-serif" font-size="${captionSize}"
        fill="#fff" fill-opacity="0.75">${xmlEscape(caption)}</text>
    </svg>`,
  )
}

interface Box {
  left: number
  top: number
  width: number
  height: number
}

const pangoEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The prompt as white text inside the box: a readable size when it fits, shrunk to fit when it does not. */
async function promptOverlay(prompt: string, box: Box): Promise<OverlayOptions | null> {
  const shown = [...prompt].length > PROMPT_SHOWN_MAX ? `${[...prompt].slice(0, PROMPT_SHOWN_MAX).join('')}…` : prompt
  const markup = `<span foreground="white">${pangoEscape(shown)}</span>`
  try {
    const dpi = Math.max(48, Math.round((box.width / 900) * 200))
    let text = await sharp({ text: { text: markup, rgba: true, width: box.width, dpi, wrap: 'word', font: 'sans' } })
      .png()
      .toBuffer({ resolveWithObject: true })
    if (text.info.height > box.height || text.info.width > box.width) {
      text = await sharp({
        text: { text: markup, rgba: true, width: box.width, height: box.height, wrap: 'word', font: 'sans' },
      })
        .png()
        .toBuffer({ resolveWithObject: true })
    }
    return { input: text.data, left: box.left, top: box.top }
  } catch {
    // No fonts on this machine: the gradient and the tiles still tell results apart.
    return null
  }
}

function urlTileSvg(size: number, url: string): Buffer {
  let host = url
  try {
    host = new URL(url).host
  } catch {
    // keep the raw text
  }
  const fontSize = Math.max(9, Math.round(size / 9))
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
      <rect x="1" y="1" width="${size - 2}" height="${size - 2}" fill="#1d1d24" stroke="#fff" stroke-width="2" stroke-dasharray="6 4"/>
      <text x="50%" y="45%" text-anchor="middle" font-family="sans-serif" font-size="${fontSize}" fill="#fff">URL reference</text>
      <text x="50%" y="62%" text-anchor="middle" font-family="sans-serif" font-size="${Math.round(fontSize * 0.8)}"
        fill="#ccc">${xmlEscape(host.slice(0, 28))}</text>
    </svg>`,
  )
}

async function referenceTile(reference: AcceptedReference, size: number): Promise<Buffer> {
  if (reference.kind === 'url') return sharp(urlTileSvg(size, reference.url)).png().toBuffer()
  const border = Math.max(2, Math.round(size / 60))
  try {
    return await sharp(reference.bytes)
      .autoOrient()
      .resize(size - 2 * border, size - 2 * border, { fit: 'cover' })
      .extend({ top: border, bottom: border, left: border, right: border, background: '#ffffff' })
      .png()
      .toBuffer()
  } catch {
    return sharp(urlTileSvg(size, 'unreadable image')).png().toBuffer()
  }
}

export async function renderResult(input: RenderInput): Promise<Buffer> {
  const ratio = effectiveRatio(input.aspectRatio, input.references)
  const { width, height } = resultSize(ratio, input.longEdge)
  const margin = Math.round(Math.min(width, height) * 0.05)
  const captionSpace = Math.max(14, Math.round(Math.min(width, height) / 30))
  const count = input.references.length
  const tile = count === 0 ? 0 : Math.min(Math.floor((width - margin * (count + 1)) / count), Math.round(height * 0.36))
  const stripTop = height - captionSpace - margin - tile
  const textBottom = count === 0 ? height - captionSpace - margin : stripTop - margin
  const textBox: Box = {
    left: margin + 8,
    top: margin + 8,
    width: width - 2 * margin - 16,
    height: Math.max(16, textBottom - margin - 16),
  }

  const overlays: OverlayOptions[] = []
  const text = await promptOverlay(input.prompt, textBox)
  if (text) overlays.push(text)
  const tiles = await Promise.all(input.references.map((reference) => referenceTile(reference, tile)))
  const stripWidth = count * tile + (count - 1) * margin
  tiles.forEach((tileBytes, index) => {
    overlays.push({
      input: tileBytes,
      left: Math.round((width - stripWidth) / 2) + index * (tile + margin),
      top: stripTop,
    })
  })
  return sharp(backgroundSvg(width, height, input, ratio, textBox))
    .composite(overlays)
    .png({ compressionLevel: 6 })
    .toBuffer()
}
