/**
 * The grid's own thumbnail (shared/thumbnails.ts), written whole beside the
 * thumbnail it is made from. A download makes it at once; for any other
 * thumbnail (an import, a rebuilt one) media.ts makes it the first time the
 * grid asks, and serves the thumbnail until then.
 */
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { gridThumbPath } from '../../../shared/thumbnails'
import { resultPaths, writeWholeFile } from './files'
import { encodeGridThumbnail } from './image'

/** Encodes `thumbnail` at the grid's size into `destination` (temporary file in `tmpDir`, synced, renamed). */
export async function writeGridThumbnailFile(thumbnail: string, destination: string, tmpDir: string): Promise<void> {
  await mkdir(tmpDir, { recursive: true })
  await mkdir(dirname(destination), { recursive: true })
  await writeWholeFile(await encodeGridThumbnail(thumbnail), destination, tmpDir)
}

/**
 * Makes the grid thumbnail of a library thumbnail just put in place. Best effort: it is a cache,
 * so a failure (a full disk) costs nothing but its being made later, on demand.
 */
export async function writeGridThumbnailBeside(dataDir: string, thumbPath: string): Promise<boolean> {
  const grid = gridThumbPath(thumbPath)
  if (!grid) return false
  try {
    await writeGridThumbnailFile(join(dataDir, thumbPath), join(dataDir, grid), resultPaths(dataDir).tmpDir)
    return true
  } catch {
    return false
  }
}
