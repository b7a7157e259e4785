/**
 * What a media URL may reach: only files in the library's image, thumbnail and
 * reference folders. Both transports (the Electron protocol handler and the
 * browser-mode host) resolve media through this one function.
 */
export const MEDIA_FOLDERS = ['images', 'thumbs', 'refs'] as const

/** Absolute path for a library-relative media path, or null when it is not allowed. */
export function resolveMediaFile(resolvePath: (relative: string) => string, relative: string): string | null {
  const folder = relative.split('/')[0] ?? ''
  if (!(MEDIA_FOLDERS as readonly string[]).includes(folder)) return null
  try {
    return resolvePath(relative)
  } catch {
    return null
  }
}
