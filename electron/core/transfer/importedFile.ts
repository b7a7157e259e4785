/**
 * One image file from an import folder, checked before anything of it enters
 * the library: read as a regular file (no links, no FIFOs, a size cap), its
 * format sniffed from its bytes (never its name), decoded by sharp as that same
 * format, and its sha256 compared with the hash the sidecar promises. The bytes
 * that passed are the bytes written, under a name the library chooses, with the
 * sniffed format's extension, so nothing active (SVG, HTML) can arrive on the
 * app's origin whatever the folder calls it.
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import sharp from 'sharp'

import { sniffFormat, type SniffedFormat } from '../references'
import { describeUnsafeFile, MAX_IMPORTED_IMAGE_BYTES, readRegularFile, UnsafeFileError } from '../security/fileChecks'

/** The formats a kind of imported file may be, with the extension and type it is stored and served as. */
const STORED_AS = {
  jpeg: { ext: 'jpg', mime: 'image/jpeg' },
  png: { ext: 'png', mime: 'image/png' },
  webp: { ext: 'webp', mime: 'image/webp' },
  gif: { ext: 'gif', mime: 'image/gif' },
  avif: { ext: 'avif', mime: 'image/avif' },
} as const satisfies Partial<Record<SniffedFormat, { ext: string; mime: string }>>
type StoredFormat = keyof typeof STORED_AS

/** References are always prepared as one of these (references/prepare.ts); results may be any kept format. */
export const REFERENCE_FORMATS: readonly StoredFormat[] = ['jpeg', 'png', 'webp']
export const RESULT_FORMATS: readonly StoredFormat[] = ['jpeg', 'png', 'webp', 'gif', 'avif']

/** sharp's name for a format, where it differs from the sniffer's. */
const SHARP_FORMAT: Partial<Record<StoredFormat, string>> = { avif: 'heif' }

export interface CheckedImage {
  bytes: Buffer
  ext: string
  mime: string
  width: number
  height: number
}

export type CheckOutcome = { ok: true; image: CheckedImage } | { ok: false; problem: string }

/** Reads and checks `name` (relative to `folder`); the problem is worded for the import report. */
export async function readImportedImage(
  folder: string,
  name: string,
  expect: { sha256: string; formats: readonly StoredFormat[] },
): Promise<CheckOutcome> {
  let bytes: Buffer
  try {
    bytes = await readRegularFile(join(folder, name), MAX_IMPORTED_IMAGE_BYTES)
  } catch (error) {
    if (error instanceof UnsafeFileError) return { ok: false, problem: describeUnsafeFile(name, error) }
    return { ok: false, problem: `${name}: could not be read` }
  }
  const sniffed = sniffFormat(bytes)
  const format = expect.formats.find((allowed) => allowed === sniffed)
  if (!format) {
    const what = sniffed ? sniffed.toUpperCase() : 'not an image'
    return { ok: false, problem: `${name}: ${what}, not an image type Atelier keeps here` }
  }
  if (createHash('sha256').update(bytes).digest('hex') !== expect.sha256) {
    return { ok: false, problem: `${name}: not the file its sidecar describes (sha256 differs)` }
  }
  try {
    const metadata = await sharp(bytes, { failOn: 'error' }).metadata()
    if (!metadata.width || !metadata.height) throw new Error('no size')
    if (metadata.format !== (SHARP_FORMAT[format] ?? format)) throw new Error('another format')
    return { ok: true, image: { bytes, ...STORED_AS[format], width: metadata.width, height: metadata.height } }
  } catch {
    return { ok: false, problem: `${name}: does not decode as an image` }
  }
}
