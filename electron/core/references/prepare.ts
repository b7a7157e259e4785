/**
 * Local images become references here: checked, decoded, oriented, stripped of
 * metadata, downscaled and re-encoded, then stored under refs/ by content hash.
 * Refusals happen here, before any request is made. See docs/references.md.
 */
import { readFile } from 'node:fs/promises'
import type { ReferenceInfo } from '../../../shared/domain'
import { DEFAULT_ENCODING, encodeReference, type ReferenceEncoding } from './encode'
import { asBuffer, readImageInfo } from './inspect'
import { refuse } from './refusals'
import { sniffFormat } from './sniff'
import { sha256Hex, storeContentAddressed } from './store'

/** The library sub-folder that `refsDir` must be; returned paths are relative to the library. */
export const REFS_FOLDER = 'refs'
export const DEFAULT_MAX_EDGE = 2048

const FILE_EXTENSION = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const

export interface PrepareBytesInput {
  bytes: Uint8Array
  /** What the user dropped (file name); shown in refusals and kept on the reference. */
  name: string
  /** Set when the image is an earlier result being remixed. */
  sourceGenerationId?: string | null
}

export interface PrepareBytesOptions {
  /** Absolute path of `<dataDir>/refs`. */
  refsDir: string
  /** Long edge after downscaling (never upscaled). Default 2048. */
  maxEdge?: number
  /** How opaque images are written; DEFAULT_ENCODING unless a benchmark compares others. */
  encoding?: ReferenceEncoding
}

function checkedInteger(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${what} must be an integer in ${min}..${max}, got ${value}`)
  return value
}

export async function prepareReferenceBytes(
  input: PrepareBytesInput,
  options: PrepareBytesOptions,
): Promise<ReferenceInfo> {
  const maxEdge = checkedInteger(options.maxEdge ?? DEFAULT_MAX_EDGE, 16, 16384, 'maxEdge')
  const encoding = options.encoding ?? DEFAULT_ENCODING
  checkedInteger(encoding.quality, 1, 100, 'quality')
  if (encoding.format === 'webp') checkedInteger(encoding.effort, 0, 6, 'effort')
  else checkedInteger(encoding.quantisationTable ?? 0, 0, 8, 'quantisationTable')
  const { name } = input

  const info = await readImageInfo(input.bytes, name)
  let encoded
  try {
    encoded = await encodeReference(asBuffer(input.bytes), info.hasAlpha, { maxEdge, encoding })
  } catch (error) {
    // HEIC headers often parse where the HEVC decoder is missing: the failure shows only now.
    throw info.format === 'heic' ? refuse.unsupported(name, info.format, error) : refuse.corrupt(name, error)
  }

  const stored = await storeContentAddressed(options.refsDir, encoded.bytes, FILE_EXTENSION[encoded.format])
  return {
    id: stored.hash,
    kind: 'file',
    path: `${REFS_FOLDER}/${stored.fileName}`,
    url: null,
    mime: encoded.mime,
    width: encoded.width,
    height: encoded.height,
    originalBytes: info.bytes,
    preparedBytes: encoded.bytes.byteLength,
    sourceGenerationId: input.sourceGenerationId ?? null,
    name: name.trim() || null,
  }
}

const PAYLOAD_MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const

/**
 * What goes into the API's `images` array: a data URI for a prepared file (read
 * from disk and checked against its hash), the link itself for a URL reference.
 */
export async function referenceToPayload(
  reference: ReferenceInfo,
  resolvePath: (rel: string) => string,
): Promise<string> {
  if (reference.kind === 'url') {
    if (!reference.url) throw refuse.urlInvalid('')
    return reference.url
  }
  if (!reference.path) throw refuse.missing('', 'gone')

  let bytes: Buffer
  try {
    bytes = await readFile(resolvePath(reference.path))
  } catch (error) {
    throw refuse.missing(reference.path, 'gone', error)
  }
  const format = sniffFormat(bytes)
  const mime = format === 'jpeg' || format === 'png' || format === 'webp' ? PAYLOAD_MIME[format] : null
  // File references are named by their hash; a mismatch means the file was altered on disk.
  if (mime === null || (/^[0-9a-f]{64}$/.test(reference.id) && sha256Hex(bytes) !== reference.id)) {
    throw refuse.missing(reference.path, 'changed')
  }
  return `data:${mime};base64,${bytes.toString('base64')}`
}
