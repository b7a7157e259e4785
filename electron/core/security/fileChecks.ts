/**
 * Reading a file that someone else put in a folder (an import source): only a
 * regular file, never through a symbolic link, never larger than a cap, and
 * never blocking (a FIFO or a device named `*.json` is refused before it is
 * opened, and the open itself is non-blocking and does not follow links, so a
 * swap between the check and the open is caught too).
 */
import { constants, type Stats } from 'node:fs'
import { lstat, open } from 'node:fs/promises'
import type { z } from 'zod'

/** A sidecar is a few KB of JSON; a megabyte is generous. */
export const MAX_SIDECAR_BYTES = 1024 * 1024
/** Results are a few MB; references are re-encoded on the way in. 100 MB leaves room for a large original. */
export const MAX_IMPORTED_IMAGE_BYTES = 100 * 1024 * 1024
/** Files an import looks at in one folder: a library of tens of thousands of images, not millions of entries. */
export const MAX_IMPORT_ENTRIES = 200_000

export type UnsafeFileReason = 'missing' | 'link' | 'not_regular' | 'too_large' | 'changed'

export class UnsafeFileError extends Error {
  override readonly name = 'UnsafeFileError'
  constructor(
    readonly reason: UnsafeFileReason,
    readonly path: string,
    readonly detail: { size?: number; maxBytes?: number } = {},
  ) {
    super(`${reason}: ${path}`)
  }
}

/** What an import lists among its problems, for a file it skipped. */
export function describeUnsafeFile(name: string, error: UnsafeFileError): string {
  switch (error.reason) {
    case 'missing':
      return `${name}: missing`
    case 'link':
      return `${name}: a link to another file, not a file (links are not followed)`
    case 'not_regular':
      return `${name}: not a regular file`
    case 'too_large':
      return `${name}: larger than ${Math.round((error.detail.maxBytes ?? 0) / (1024 * 1024))} MB`
    case 'changed':
      return `${name}: changed while it was being read`
  }
}

/** lstat, then refuse links, anything but a regular file, and files over the cap. */
export async function checkRegularFile(path: string, maxBytes: number): Promise<Stats> {
  const info = await lstat(path).catch(() => null)
  if (!info) throw new UnsafeFileError('missing', path)
  if (info.isSymbolicLink()) throw new UnsafeFileError('link', path)
  if (!info.isFile()) throw new UnsafeFileError('not_regular', path)
  if (info.size > maxBytes) throw new UnsafeFileError('too_large', path, { size: info.size, maxBytes })
  return info
}

// O_NOFOLLOW and O_NONBLOCK do not exist on Windows (0 there); lstat above still refuses links and FIFOs.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/** The whole file, checked as above; at most `maxBytes` are ever read. */
export async function readRegularFile(path: string, maxBytes: number): Promise<Buffer> {
  const checked = await checkRegularFile(path, maxBytes)
  const handle = await open(path, OPEN_FLAGS).catch((error: NodeJS.ErrnoException) => {
    // ELOOP: it became a link after the check.
    throw new UnsafeFileError(error.code === 'ELOOP' ? 'link' : error.code === 'ENOENT' ? 'missing' : 'changed', path)
  })
  try {
    const opened = await handle.stat()
    if (!opened.isFile() || opened.ino !== checked.ino || opened.dev !== checked.dev)
      throw new UnsafeFileError('changed', path)
    // One byte of room past what lstat promised: filling it means the file grew since the check.
    const buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1)
    let length = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
      if (length === buffer.length) {
        throw length > maxBytes
          ? new UnsafeFileError('too_large', path, { size: length, maxBytes })
          : new UnsafeFileError('changed', path)
      }
    }
    return buffer.subarray(0, length)
  } finally {
    await handle.close()
  }
}

/** A JSON file read as above and checked with `schema`: its value, null when there is none, or why it cannot be used. */
export type JsonFileReading<T> = { ok: true; value: T | null } | { ok: false; problem: string }

/**
 * Reads `path` (named `name` in problems) with the checks above, parses it as JSON and checks
 * it with `schema`. Never throws for what is in the file: a link, a FIFO, a file too large,
 * broken JSON or the wrong shape each become a sentence naming the first thing wrong.
 */
export async function readJsonFile<T>(
  path: string,
  name: string,
  maxBytes: number,
  schema: z.ZodType<T>,
): Promise<JsonFileReading<T>> {
  let text: string
  try {
    text = (await readRegularFile(path, maxBytes)).toString('utf8')
  } catch (error) {
    if (error instanceof UnsafeFileError) {
      if (error.reason === 'missing') return { ok: true, value: null }
      return { ok: false, problem: describeUnsafeFile(name, error) }
    }
    return { ok: false, problem: `${name}: not readable` }
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { ok: false, problem: `${name}: not readable JSON` }
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      ok: false,
      problem: `${name}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'not a valid file'}`.trim(),
    }
  }
  return { ok: true, value: parsed.data }
}
