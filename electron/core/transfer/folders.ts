/**
 * The folder of an export or an import, from a FolderChoice: never a path the
 * page sent. A grant is the native picker's answer, kept by the core (one use,
 * ten minutes, that purpose only); a transfers name is a folder inside the
 * library's own `transfers/` folder (browser mode, which has no picker and no
 * way to show the user a path that a script in the page could not also confirm).
 */
import { lstat, mkdir } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import type { FolderChoice } from '../../../shared/contract'
import { UserFacingError } from '../ipc/errors'
import { folderNotChosen, type FolderGrants, type FolderPurpose } from '../security/folderGrants'

/** Browser mode's exports and imports live here, beside the library's own folders (never served as media). */
export const TRANSFERS_FOLDER = 'transfers'

/** Absolute, and never the library itself or a folder inside it. */
export function checkFolder(folder: string, libraryRoot: string, purpose: FolderPurpose): string {
  const trimmed = folder.trim()
  if (!isAbsolute(trimmed)) throw folderNotChosen()
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

export async function resolveFolderChoice(
  choice: FolderChoice,
  purpose: FolderPurpose,
  context: { grants: Pick<FolderGrants, 'take'>; libraryRoot: string },
): Promise<string> {
  if (choice.kind === 'grant')
    return checkFolder(context.grants.take(choice.grant, purpose), context.libraryRoot, purpose)
  const transfers = join(context.libraryRoot, TRANSFERS_FOLDER)
  await mkdir(transfers, { recursive: true })
  const folder = join(transfers, choice.name)
  const info = await lstat(folder).catch(() => null)
  // A link here would lead out of the library: only a real folder (or, for an export, a new one).
  if (info && !info.isDirectory()) {
    throw new UserFacingError('INVALID_FOLDER', `${TRANSFERS_FOLDER}/${choice.name} is not a folder.`)
  }
  if (!info && purpose === 'import') {
    throw new UserFacingError('INVALID_FOLDER', `There is no folder ${choice.name} in ${transfers}.`)
  }
  return folder
}
