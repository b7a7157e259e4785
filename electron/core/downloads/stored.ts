/**
 * After a crash between "files renamed into place" and "row marked completed",
 * the image is already whole in `images/` (it got there by an fsynced rename).
 * Finding it saves a download, and saves the image outright if its link has
 * expired in the meantime.
 */
import { createHash } from 'node:crypto'
import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import type { ImageFileInfo } from '../../../shared/domain'
import { exists, fsyncDir, fsyncFile, removeQuietly, resultPaths, ensureResultDirs, temporaryPath } from './files'
import { decodeWhole, RESULT_EXTENSIONS, writeThumbnail } from './image'

/** The result already in the library for this generation, or null. Re-makes a missing thumbnail. */
export async function findStoredResult(dataDir: string, id: string): Promise<ImageFileInfo | null> {
  for (const ext of RESULT_EXTENSIONS) {
    const imagePath = `images/${id}.${ext}`
    const absolute = join(dataDir, imagePath)
    if (!(await exists(absolute))) continue
    let decoded
    try {
      decoded = await decodeWhole(absolute)
    } catch {
      decoded = null
    }
    if (!decoded) continue
    const bytes = await readFile(absolute)
    const thumbPath = `thumbs/${id}.webp`
    const thumbAbsolute = join(dataDir, thumbPath)
    if (!(await exists(thumbAbsolute))) {
      const paths = resultPaths(dataDir)
      await ensureResultDirs(paths)
      const part = temporaryPath(paths, id, 'thumb')
      try {
        await writeThumbnail(absolute, part)
        await fsyncFile(part)
        await rename(part, thumbAbsolute)
        await fsyncDir(paths.thumbsDir)
      } finally {
        await removeQuietly(part)
      }
    }
    return {
      path: imagePath,
      thumbPath,
      width: decoded.width,
      height: decoded.height,
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      mime: decoded.mime,
    }
  }
  return null
}
