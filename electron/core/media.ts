/**
 * What a media URL may reach, and how it is served: only regular image files
 * inside the library's image, thumbnail and reference folders. Both transports
 * (the Electron protocol handler and the browser-mode host) resolve media
 * through this module.
 *
 * - Confined to each media folder's real path, not just to the library root
 *   (a link in refs/ must not serve library.db or settings.json).
 * - No symbolic link anywhere below the media folder (lstat on every segment).
 * - Only regular files, only with an image extension, served with a fixed
 *   image type, `nosniff`, and a CSP that sandboxes anything that still tries
 *   to be a document (an SVG or HTML file never gets the app's origin).
 */
import fs from 'node:fs'
import path from 'node:path'
import { gridThumbSource } from '../../shared/thumbnails'

export const MEDIA_FOLDERS = ['images', 'thumbs', 'refs'] as const

/**
 * The only types media is ever served as, by extension: what results
 * (downloads/image.ts), thumbnails and references are stored as. No SVG or
 * HTML: they can carry script.
 */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
}

/** Headers on every media response, in both transports. */
export const MEDIA_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'",
}

export interface MediaFile {
  /** Real absolute path of a regular file inside a media folder. */
  absolutePath: string
  mime: string
  size: number
  /** Served in place of a file not made yet (a grid thumbnail): the response must not be cached. */
  provisional?: boolean
}

/**
 * Decodes a media URL's path (percent-encoded, `/`-separated) into a
 * library-relative path; null for a malformed escape (answer 400, not 500).
 */
export function decodeMediaPath(encoded: string): string | null {
  try {
    return encoded
      .split('/')
      .map((segment) => decodeURIComponent(segment))
      .join('/')
  } catch {
    return null
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate)
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
}

/**
 * The media file behind a library-relative path, or null when it is not one we
 * serve. `resolvePath` is the library's own rule (library/paths.ts); this adds
 * the media rules on top.
 */
export function findMediaFile(resolvePath: (relative: string) => string, relative: string): MediaFile | null {
  const segments = relative.split('/')
  const [folder, ...rest] = segments
  if (!folder || !(MEDIA_FOLDERS as readonly string[]).includes(folder) || rest.length === 0) return null
  if (rest.some((segment) => segment === '' || segment === '.' || segment === '..' || /[\\\0]/.test(segment)))
    return null
  const mime = MEDIA_TYPES[path.extname(rest[rest.length - 1]!).toLowerCase()]
  if (!mime) return null
  try {
    const folderPath = resolvePath(folder)
    const realFolder = fs.realpathSync(folderPath)
    // Every segment below the media folder must be a real directory or, last, a real file: no links.
    let current = folderPath
    let info: fs.Stats | null = null
    for (const segment of rest) {
      current = path.join(current, segment)
      info = fs.lstatSync(current)
      if (info.isSymbolicLink()) return null
    }
    if (!info?.isFile()) return null
    const real = fs.realpathSync(current)
    if (!isInside(realFolder, real)) return null
    return { absolutePath: real, mime, size: info.size }
  } catch {
    return null
  }
}

/** Absolute path for a library-relative media path, or null when it is not allowed (the Electron handler's entry). */
export function resolveMediaFile(resolvePath: (relative: string) => string, relative: string): string | null {
  return findMediaFile(resolvePath, relative)?.absolutePath ?? null
}

/** At most this many grid thumbnails are made at once: a screen of them must not take every core. */
const GRID_THUMBS_AT_ONCE = 2
const gridThumbQueue: Array<{ source: string; destination: string; tmpDir: string }> = []
/** Destinations queued or being made: each is made once, however many cells ask. */
const gridThumbsWanted = new Set<string>()
let gridThumbsRunning = 0
const whenGridThumbsSettle: Array<() => void> = []

function makeGridThumbLater(source: string, destination: string, tmpDir: string): void {
  if (gridThumbsWanted.has(destination)) return
  gridThumbsWanted.add(destination)
  gridThumbQueue.push({ source, destination, tmpDir })
  makeQueuedGridThumbs()
}

function makeQueuedGridThumbs(): void {
  while (gridThumbsRunning < GRID_THUMBS_AT_ONCE && gridThumbQueue.length > 0) {
    const job = gridThumbQueue.shift()!
    gridThumbsRunning += 1
    makeGridThumbnail(job.source, job.destination, job.tmpDir)
      // A thumbnail that does not decode: the next request serves it again, and the cell's error path checks the files.
      .catch(() => undefined)
      .finally(() => {
        gridThumbsRunning -= 1
        gridThumbsWanted.delete(job.destination)
        makeQueuedGridThumbs()
        settleIfIdle()
      })
  }
}

function settleIfIdle(): void {
  if (gridThumbsWanted.size === 0) for (const settle of whenGridThumbsSettle.splice(0)) settle()
}

/**
 * Drops this library's grid thumbnails still waiting and waits for those being made: before its
 * folder is closed or removed, nothing is left writing into it.
 */
export async function stopMakingGridThumbs(resolvePath: (relative: string) => string): Promise<void> {
  let thumbs: string
  try {
    thumbs = fs.realpathSync(resolvePath('thumbs')) + path.sep
  } catch {
    return gridThumbsSettled()
  }
  for (let i = gridThumbQueue.length - 1; i >= 0; i--) {
    const job = gridThumbQueue[i]!
    if (!job.destination.startsWith(thumbs)) continue
    gridThumbQueue.splice(i, 1)
    gridThumbsWanted.delete(job.destination)
  }
  settleIfIdle()
  await gridThumbsSettled()
}

/** Resolves once every grid thumbnail asked for so far has been made (or has failed): for tests and benches. */
export function gridThumbsSettled(): Promise<void> {
  return gridThumbsWanted.size === 0 ? Promise.resolve() : new Promise((resolve) => whenGridThumbsSettle.push(resolve))
}

/**
 * `findMediaFile`, except for a grid thumbnail (`thumbs/grid/<id>.webp`, shared/thumbnails.ts)
 * not made yet: its 512 px thumbnail is served in its place, `provisional` (not to be cached under
 * the grid's URL), and the grid one is made in the background for the next time, by the same rules:
 * the source must be a media file we would serve, the grid folder a real folder inside thumbs/, and
 * the file is written whole (temporary file, synced, renamed). The cell never waits for it.
 */
export function findMediaFileOrStandIn(resolvePath: (relative: string) => string, relative: string): MediaFile | null {
  const found = findMediaFile(resolvePath, relative)
  if (found) return found
  const sourcePath = gridThumbSource(relative)
  const source = sourcePath === null ? null : findMediaFile(resolvePath, sourcePath)
  if (!source) return null
  // Beside its source: the source's real folder is thumbs/ itself (findMediaFile confines it there).
  const destination = path.join(path.dirname(source.absolutePath), 'grid', path.basename(relative))
  makeGridThumbLater(source.absolutePath, destination, resolvePath('tmp'))
  return { ...source, provisional: true }
}

async function makeGridThumbnail(source: string, destination: string, tmpDir: string): Promise<void> {
  const folder = path.dirname(destination)
  await fs.promises.mkdir(folder, { recursive: true })
  // Never written through a link planted where the grid folder should be.
  if (!(await fs.promises.lstat(folder)).isDirectory()) return
  // Loaded on first use (sharp): the main process serves media, and most launches make none.
  const { writeGridThumbnailFile } = await import('./downloads/gridThumbnail')
  await writeGridThumbnailFile(source, destination, tmpDir)
}
