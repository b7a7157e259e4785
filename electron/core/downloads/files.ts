/** Where results live in the library folder, and the fsync/rename steps that keep them whole. */
import { randomBytes } from 'node:crypto'
import { access, mkdir, open, rename, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'

export interface ResultPaths {
  /** Partial downloads and thumbnails being made: `tmp/*.part`, removed on start. */
  tmpDir: string
  imagesDir: string
  thumbsDir: string
}

export function resultPaths(dataDir: string): ResultPaths {
  return { tmpDir: join(dataDir, 'tmp'), imagesDir: join(dataDir, 'images'), thumbsDir: join(dataDir, 'thumbs') }
}

export async function ensureResultDirs(paths: ResultPaths): Promise<void> {
  await Promise.all([paths.tmpDir, paths.imagesDir, paths.thumbsDir].map((dir) => mkdir(dir, { recursive: true })))
}

/**
 * A fresh temporary name per attempt: sharp/libvips caches by file name, so a
 * retried download must never reuse the path of a corrupt one.
 */
export function temporaryPath(paths: ResultPaths, id: string, what: 'image' | 'thumb'): string {
  return join(paths.tmpDir, `${id}.${randomBytes(4).toString('hex')}.${what}.part`)
}

export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Makes a rename durable. Some platforms (Windows) cannot open a directory; that is fine there. */
export async function fsyncDir(path: string): Promise<void> {
  let handle
  try {
    handle = await open(path, 'r')
    await handle.sync()
  } catch {
    // Not supported on this platform or file system: the rename is still atomic.
  } finally {
    await handle?.close()
  }
}

/** True when something is at `path` (a file, a folder, a link). */
export async function exists(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}

export async function removeQuietly(path: string): Promise<void> {
  try {
    await unlink(path)
  } catch {
    // Already gone, or never made.
  }
}

/**
 * Writes bytes so that a file under its final name is always whole: into a fresh
 * temporary file in `tmpDir` (same volume), synced, renamed into place, the rename
 * made durable. Imports and drops use it; downloads stream through the same steps.
 */
export async function writeWholeFile(bytes: Uint8Array, to: string, tmpDir: string): Promise<void> {
  const part = join(tmpDir, `write.${randomBytes(6).toString('hex')}.part`)
  try {
    const handle = await open(part, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(part, to)
    await fsyncDir(dirname(to))
  } finally {
    await removeQuietly(part)
  }
}
