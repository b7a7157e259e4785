/**
 * Renders build/icon.svg into every size the installers want, with sharp:
 * build/generated/icons/<n>x<n>.png (Linux), icon.png (1024), icon.ico (Windows,
 * PNG entries) and icon.icns (macOS, PNG entries). Run by `npm run package` and
 * `npm run package:check`; the output is not committed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import sharp from 'sharp'

const root = resolve(import.meta.dirname, '..')
const out = join(root, 'build', 'generated')
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const

/** ICO: a directory of PNG images (Vista+ reads PNG entries; 256 is written as 0). */
function ico(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  const entries: Buffer[] = []
  let offset = 6 + 16 * images.length
  for (const { size, png } of images) {
    const entry = Buffer.alloc(16)
    entry.writeUInt8(size >= 256 ? 0 : size, 0)
    entry.writeUInt8(size >= 256 ? 0 : size, 1)
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(png.length, 8)
    entry.writeUInt32LE(offset, 12)
    offset += png.length
    entries.push(entry)
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)])
}

/** ICNS: typed PNG chunks (ic07 128, ic08 256, ic09 512, ic10 1024, ic11 32@2x, ic12 64@2x, ic13 256@2x, ic14 512@2x). */
const ICNS_TYPES: Array<[string, number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
]
function icns(pngBySize: Map<number, Buffer>): Buffer {
  const chunks = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size)!
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const body = Buffer.concat(chunks)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(body.length + 8, 4)
  return Buffer.concat([head, body])
}

export async function generateIcons(): Promise<string> {
  const svg = await readFile(join(root, 'build', 'icon.svg'))
  await mkdir(join(out, 'icons'), { recursive: true })
  const pngBySize = new Map<number, Buffer>()
  for (const size of ICON_SIZES) {
    const png = await sharp(svg, { density: Math.max(72, Math.ceil((72 * size) / 1024) * 4) })
      .resize(size, size)
      .png()
      .toBuffer()
    pngBySize.set(size, png)
    await writeFile(join(out, 'icons', `${size}x${size}.png`), png)
  }
  await writeFile(join(out, 'icon.png'), pngBySize.get(1024)!)
  await writeFile(
    join(out, 'icon.ico'),
    ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: pngBySize.get(size)! }))),
  )
  await writeFile(join(out, 'icon.icns'), icns(pngBySize))
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = await generateIcons()
  console.log(`icons: ${ICON_SIZES.length} sizes, .ico and .icns in ${dir}`)
}
