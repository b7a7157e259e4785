/**
 * The library folder and the one rule for paths inside it: a library-relative
 * path (as stored in the database and sent to the UI) resolves only to a place
 * inside the folder. `..`, absolute paths, drive letters, NUL bytes and symlinks
 * that lead out are refused, so a path from the renderer or from a damaged row
 * can never make the media server or the engine touch another file.
 */
import fs from 'node:fs'
import path from 'node:path'
import { LibraryError } from './errors'

export const LIBRARY_FOLDERS = ['images', 'thumbs', 'refs', 'tmp'] as const
export type LibraryFolder = (typeof LIBRARY_FOLDERS)[number]
export const DATABASE_FILE = 'library.db'

export interface LibraryPaths {
  root: string
  database: string
  images: string
  thumbs: string
  refs: string
  tmp: string
}

export function libraryPaths(dataDir: string): LibraryPaths {
  const root = path.resolve(dataDir)
  return {
    root,
    database: path.join(root, DATABASE_FILE),
    images: path.join(root, 'images'),
    thumbs: path.join(root, 'thumbs'),
    refs: path.join(root, 'refs'),
    tmp: path.join(root, 'tmp'),
  }
}

export function createLibraryFolders(paths: LibraryPaths): void {
  fs.mkdirSync(paths.root, { recursive: true })
  for (const folder of LIBRARY_FOLDERS) fs.mkdirSync(paths[folder], { recursive: true })
}

function refuse(relativePath: string, why: string): never {
  throw new LibraryError(
    'PATH_OUTSIDE_LIBRARY',
    `Refused a path outside the library (${why}): ${JSON.stringify(relativePath)}`,
  )
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate)
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}

function isSymlink(target: string): boolean {
  try {
    return fs.lstatSync(target).isSymbolicLink()
  } catch {
    return false
  }
}

/**
 * Where `target` really is: the real path of its deepest existing ancestor.
 * A dangling link is reported as such (writing through it would create a file
 * wherever it points).
 */
function realLocation(target: string): string | 'dangling-link' {
  let current = target
  for (;;) {
    try {
      return fs.realpathSync(current)
    } catch {
      if (isSymlink(current)) return 'dangling-link'
      const parent = path.dirname(current)
      if (parent === current) return current
      current = parent
    }
  }
}

export function resolveInside(root: string, relativePath: string): string {
  if (typeof relativePath !== 'string' || relativePath.length === 0) refuse(String(relativePath), 'empty')
  if (relativePath.includes('\0')) refuse(relativePath, 'NUL byte')
  if (path.isAbsolute(relativePath) || path.win32.isAbsolute(relativePath) || /^[a-zA-Z]:/.test(relativePath)) {
    refuse(relativePath, 'absolute')
  }
  const segments = relativePath.split(/[\\/]+/)
  if (segments.includes('..')) refuse(relativePath, '".." segment')
  const resolved = path.resolve(root, ...segments)
  if (!isInside(root, resolved) || resolved === root) refuse(relativePath, 'escapes the folder')

  // Symlinks: what the path really points at must also be inside the real root.
  const realRoot = fs.realpathSync(root)
  const real = realLocation(resolved)
  if (real === 'dangling-link') refuse(relativePath, 'a broken link')
  if (!isInside(realRoot, real)) refuse(relativePath, 'a link leads outside')
  return resolved
}

/** A library-relative path inside `dataDir` (the rule above), for callers that hold no open library. */
export function resolveLibraryPath(dataDir: string, relativePath: string): string {
  return resolveInside(libraryPaths(dataDir).root, relativePath)
}
