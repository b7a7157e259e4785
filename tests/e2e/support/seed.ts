/**
 * Seeds a library folder with a few hundred finished generations, fast and
 * through the library's own API (one transaction for the rows, one for their
 * outcomes), so the browser specs start from a used library: real PNG images
 * (each one different, so import's duplicate check sees them as the distinct
 * images they are), WebP thumbnails, reference files, remixes (lineage),
 * failures that were charged, favourites, every ratio, a spread of days.
 *
 * Call it on `world.dataDir`, then `world.restart()` so the host opens the
 * seeded library. Helpers below read the database and the files back for the
 * specs' assertions (read-only, with node:sqlite), and page helpers open
 * the seeded library and find its cells.
 */
import type { Page } from '@playwright/test'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import sharp from 'sharp'
import { openLibrary } from '../../../electron/core/db'
import type { GenerationPatch, NewGeneration } from '../../../electron/core/db'
import { createSilentLogger } from '../../../electron/core/logging/createLogger'
import type { AspectRatio, ReferenceInfo } from '../../../shared/domain'
import { expect, type World } from './fixtures'

export const RATIOS: AspectRatio[] = ['1:1', '4:3', '3:4', 'auto']
const SUBJECTS = ['fox', 'owl', 'harbor', 'robot', 'castle', 'garden', 'violin', 'teapot', 'glacier', 'comet']
const STYLES = ['watercolor', 'neon', 'charcoal', 'pastel', 'isometric', 'baroque']
/** One row in RARE_EVERY carries this word, so a search for it finds exactly those. */
export const RARE_WORD = 'lighthouse'
export const RARE_EVERY = 25

export interface SeededRow {
  id: string
  index: number
  prompt: string
  aspectRatio: AspectRatio
  status: 'completed' | 'failed'
  favorite: boolean
  createdAt: string
  price: string
  references: number
  /** The earlier generation this one remixed, if any. */
  parentId: string | null
}

export interface Seeded {
  rows: SeededRow[]
  /** Newest first, as the grid shows them by default. */
  newestFirst: SeededRow[]
}

export interface SeedOptions {
  count?: number
  /** Every n-th row failed (charged, no image). */
  failedEvery?: number
  /** The newest row is created this long before now. */
  newestAgoMs?: number
}

const pad = (n: number) => String(n).padStart(4, '0')

/** Pixel sizes that match each ratio (auto: the model chose square). */
const SIZES: Record<AspectRatio, [number, number]> = {
  '1:1': [140, 140],
  auto: [140, 140],
  '4:3': [160, 120],
  '3:4': [120, 160],
}

/** A small PNG unlike every other: a soft two-colour gradient whose colours and angle come from the index. */
async function uniquePng(index: number, ratio: AspectRatio = '4:3'): Promise<Buffer> {
  const [width, height] = SIZES[ratio]
  const hue = (index * 47) % 360
  const from = hsl(hue, 0.55, 0.55)
  const to = hsl((hue + 70 + (index % 5) * 20) % 360, 0.6, 0.3)
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = ((x / width) * (index % 3) + (y / height) * (1 + (index % 2))) / (1 + (index % 3) + (index % 2))
      const at = (y * width + x) * 3
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t)
    }
  }
  // The index, spelled into one corner pixel, keeps every image distinct even where the colours repeat.
  pixels[0] = index & 0xff
  pixels[1] = (index >> 8) & 0xff
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer()
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)]
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

export async function seedLibrary(dataDir: string, options: SeedOptions = {}): Promise<Seeded> {
  const count = options.count ?? 300
  const failedEvery = options.failedEvery ?? 10
  const library = openLibrary({ dataDir, logger: createSilentLogger() })
  try {
    for (const folder of ['images', 'thumbs', 'refs']) mkdirSync(join(dataDir, folder), { recursive: true })
    const newest = Date.now() - (options.newestAgoMs ?? 60_000)
    const stepMs = 3 * 3600_000

    // Two photos used as references, and the rows' own images.
    const photos: ReferenceInfo[] = []
    for (const n of [0, 1]) {
      const bytes = await sharp(await uniquePng(10_000 + n))
        .jpeg()
        .toBuffer()
      const id = sha256(bytes)
      writeFileSync(join(dataDir, 'refs', `${id}.jpg`), bytes)
      photos.push({
        id,
        kind: 'file',
        path: `refs/${id}.jpg`,
        url: null,
        mime: 'image/jpeg',
        width: 160,
        height: 120,
        originalBytes: bytes.byteLength * 10,
        preparedBytes: bytes.byteLength,
        sourceGenerationId: null,
        name: `photo-${n}.jpg`,
      })
      library.saveReference(photos[n]!)
    }

    const rows: SeededRow[] = []
    const inserts: NewGeneration[] = []
    const outcomes: Array<{ id: string; patch: GenerationPatch }> = []
    for (let index = 0; index < count; index++) {
      const id = `seed-${pad(index)}`
      const subject = SUBJECTS[index % SUBJECTS.length]!
      const style = STYLES[Math.floor(index / SUBJECTS.length) % STYLES.length]!
      const prompt = `${style} ${subject} number ${index}${index % RARE_EVERY === 7 ? ` by the ${RARE_WORD}` : ''}`
      const aspectRatio = RATIOS[index % RATIOS.length]!
      const createdAt = new Date(newest - (count - 1 - index) * stepMs).toISOString()
      const failed = index % failedEvery === failedEvery - 1
      // Every 12th row remixes the row 5 before it (a reference made from that result).
      const parent = index % 12 === 6 && index >= 5 && rows[index - 5]?.status === 'completed' ? rows[index - 5]! : null
      const references: ReferenceInfo[] = []
      if (index % 9 === 4 || index % 24 === 18) references.push(photos[index % 2]!)
      if (parent) {
        const bytes = await sharp(join(dataDir, `images/${parent.id}.png`))
          .jpeg()
          .toBuffer()
        const refId = sha256(bytes)
        writeFileSync(join(dataDir, 'refs', `${refId}.jpg`), bytes)
        const fromParent: ReferenceInfo = {
          ...photos[0]!,
          id: refId,
          path: `refs/${refId}.jpg`,
          preparedBytes: bytes.byteLength,
          sourceGenerationId: parent.id,
          name: `${parent.prompt.slice(0, 40)}.png`,
        }
        library.saveReference(fromParent)
        references.unshift(fromParent)
      }
      const price = `0.0${(index % 4) + 1}`
      const row: SeededRow = {
        id,
        index,
        prompt,
        aspectRatio,
        status: failed ? 'failed' : 'completed',
        favorite: index % 11 === 3,
        createdAt,
        price,
        references: references.length,
        parentId: parent?.id ?? null,
      }
      rows.push(row)
      inserts.push({ id, prompt, aspectRatio, references, callbackUrl: null, createdAt })

      const submittedAt = new Date(Date.parse(createdAt) + 1000).toISOString()
      const finishedAt = new Date(Date.parse(createdAt) + 61_000 + (index % 7) * 1000).toISOString()
      const base: GenerationPatch = {
        taskUuid: `00000000-0000-4000-8000-${pad(index).padStart(12, '0')}`,
        price,
        submittedAt,
        finishedAt,
        favorite: row.favorite,
      }
      if (failed) {
        outcomes.push({
          id,
          patch: {
            ...base,
            status: 'failed',
            error: {
              code: 'MODERATION_FAILED',
              message: 'The provider refused this prompt.',
              detail: 'MODERATION_FAILED',
            },
          },
        })
        continue
      }
      const bytes = await uniquePng(index, aspectRatio)
      const [width, height] = SIZES[aspectRatio]
      writeFileSync(join(dataDir, 'images', `${id}.png`), bytes)
      writeFileSync(join(dataDir, 'thumbs', `${id}.webp`), await sharp(bytes).webp({ quality: 80 }).toBuffer())
      outcomes.push({
        id,
        patch: {
          ...base,
          status: 'completed',
          image: {
            path: `images/${id}.png`,
            thumbPath: `thumbs/${id}.webp`,
            width,
            height,
            bytes: bytes.byteLength,
            sha256: sha256(bytes),
            mime: 'image/png',
          },
        },
      })
      // Rows remixing this one are inserted later in the loop; they need its row to exist for lineage.
      if (index % 12 === 1) {
        library.insertGenerations(inserts.splice(0))
        library.updateGenerations(outcomes.splice(0))
      }
    }
    library.insertGenerations(inserts)
    library.updateGenerations(outcomes)
    return { rows, newestFirst: [...rows].reverse() }
  } finally {
    library.close()
  }
}

/** The library's rows as the database holds them (read-only connection). */
export function readRows(
  dataDir: string,
  sql = 'SELECT * FROM generations ORDER BY id',
): Array<Record<string, unknown>> {
  const db = new DatabaseSync(join(dataDir, 'library.db'), { readOnly: true })
  try {
    return db.prepare(sql).all() as Array<Record<string, unknown>>
  } finally {
    db.close()
  }
}

/**
 * sha256 of every file in a library folder (images/, thumbs/ or refs/), by name. Folders are left
 * out: thumbs/grid/ holds the grid's thumbnails, made on demand from these (shared/thumbnails.ts).
 */
export function fileHashes(dataDir: string, folder: 'images' | 'thumbs' | 'refs'): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of readdirSync(join(dataDir, folder), { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  ))
    if (entry.isFile()) out[entry.name] = sha256(readFileSync(join(dataDir, folder, entry.name)))
  return out
}

// Page helpers for the library specs. Expected values are computed from the seeded rows with
// the rules the app promises (word-prefix search), never read back from the UI itself.

/** Seeds the world's library, restarts the host on it, and opens the Library view. */
export async function openSeededLibrary(world: World, page: Page, options: SeedOptions = {}): Promise<Seeded> {
  const seeded = await seedLibrary(world.dataDir, options)
  const host = await world.restart()
  await page.goto(host.url)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click()
  await expect(libraryCount(page)).toHaveText(`${seeded.rows.length} images`)
  return seeded
}

export const libraryCount = (page: Page) => page.getByTestId('library-count')

export const grid = (page: Page) => page.getByRole('list', { name: 'Images' })

/** The cell of a generation (cells carry their id). */
export const cell = (page: Page, id: string) => grid(page).locator(`[data-id="${id}"]`)

/** Word-prefix search as the library promises it: every typed word starts some word of the prompt. */
export function matching(rows: readonly SeededRow[], text: string): SeededRow[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  return rows.filter((row) => {
    const promptWords = row.prompt.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
    return words.every((word) => promptWords.some((candidate) => candidate.startsWith(word)))
  })
}

export const countText = (n: number) => `${n.toLocaleString('en-US')} image${n === 1 ? '' : 's'}`

export const viewer = (page: Page) => page.getByRole('dialog')

/** Opens the viewer on a cell (a plain click when nothing is selected). */
export async function openInViewer(page: Page, id: string): Promise<void> {
  await cell(page, id).locator('.library-open').click()
  await expect(viewer(page)).toBeVisible()
}
