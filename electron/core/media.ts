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
