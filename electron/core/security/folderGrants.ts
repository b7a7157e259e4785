/**
 * Export and import take a folder only from the user's own choice, never a path
 * from the page (a script in the page could otherwise write an export anywhere
 * or read any folder in). The native folder picker's answer stays in the core:
 * the page gets a grant, a random id that names that one folder for one use,
 * for one purpose, within ten minutes. Anything else is refused.
 */
import { randomBytes } from 'node:crypto'
import { UserFacingError } from '../ipc/errors'

export const FOLDER_GRANT_TTL_MS = 10 * 60 * 1000
/** 32 random bytes, base64url. */
export const FOLDER_GRANT_PATTERN = /^[A-Za-z0-9_-]{43}$/

export type FolderPurpose = 'export' | 'import'

export interface FolderGrants {
  /** A new grant for a folder the user just picked. */
  issue(path: string, purpose: FolderPurpose): string
  /** The folder, once: the grant is gone afterwards (used, expired, unknown or for the other purpose: refused). */
  take(grant: string, purpose: FolderPurpose): string
}

export const folderNotChosen = () => new UserFacingError('FOLDER_NOT_CHOSEN', 'Choose the folder again.')

export function createFolderGrants(now: () => number): FolderGrants {
  const grants = new Map<string, { path: string; purpose: FolderPurpose; expiresAt: number }>()
  const sweep = () => {
    for (const [id, grant] of grants) if (grant.expiresAt <= now()) grants.delete(id)
  }
  return {
    issue(path, purpose) {
      sweep()
      const id = randomBytes(32).toString('base64url')
      grants.set(id, { path, purpose, expiresAt: now() + FOLDER_GRANT_TTL_MS })
      return id
    },
    take(id, purpose) {
      const grant = grants.get(id)
      grants.delete(id)
      if (!grant || grant.purpose !== purpose || grant.expiresAt <= now()) throw folderNotChosen()
      return grant.path
    },
  }
}
