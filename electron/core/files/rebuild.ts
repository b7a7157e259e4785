/**
 * A thumbnail made again from its original: written to a temporary file in the
 * library's tmp/ folder, synced, then renamed into place, so a thumbnail on disk
 * is always whole (the same rule as downloads).
 */
import { rename } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { fsyncDir, fsyncFile, removeQuietly } from '../downloads/files'
import { writeThumbnail } from '../downloads/image'

export async function rebuildThumbnail(imagePath: string, thumbPath: string, tmpDir: string): Promise<void> {
  const part = join(tmpDir, `thumb.${randomBytes(6).toString('hex')}.part`)
  try {
    await writeThumbnail(imagePath, part)
    await fsyncFile(part)
    await rename(part, thumbPath)
    await fsyncDir(dirname(thumbPath))
  } finally {
    await removeQuietly(part)
  }
}
