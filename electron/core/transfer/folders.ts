/** The folder a person typed or picked for an export or an import: absolute, and never the library itself. */
import { isAbsolute, relative, resolve } from 'node:path'
import { UserFacingError } from '../ipc/errors'

export function checkFolder(folder: string, libraryRoot: string, purpose: 'export' | 'import'): string {
  const trimmed = folder.trim()
  if (!isAbsolute(trimmed)) {
    throw new UserFacingError(
      'INVALID_FOLDER',
      `Give the full path of the folder to ${purpose} ${purpose === 'export' ? 'to' : 'from'} (for example /home/me/Pictures/atelier).`,
    )
  }
  const absolute = resolve(trimmed)
  const inside = relative(resolve(libraryRoot), absolute)
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new UserFacingError(
      'INVALID_FOLDER',
      `Choose a folder outside Atelier's library folder to ${purpose} ${purpose === 'export' ? 'to' : 'from'}.`,
    )
  }
  return absolute
}
