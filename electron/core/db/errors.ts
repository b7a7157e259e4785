/**
 * The library's errors carry a stable code and a sentence a person can act on;
 * `toIpcError()` lets the router pass them to the UI unchanged (see
 * electron/core/ipc/errors.ts).
 */
import type { IpcError } from '../../../shared/result'

export type LibraryErrorCode =
  | 'LIBRARY_WRITE_FAILED'
  | 'LIBRARY_READ_FAILED'
  | 'LIBRARY_TOO_NEW'
  | 'LIBRARY_CORRUPT'
  | 'GENERATION_NOT_FOUND'
  | 'INVALID_CURSOR'
  | 'PATH_OUTSIDE_LIBRARY'
  | 'COLLECTION_NOT_FOUND'
  | 'COLLECTION_EXISTS'
  | 'STYLE_NOT_FOUND'
  | 'STYLE_NAME_TAKEN'
  | 'STYLES_FULL'

export class LibraryError extends Error {
  override name = 'LibraryError'
  constructor(
    readonly code: LibraryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  toIpcError(): IpcError {
    return { code: this.code, message: this.message }
  }
}

/** The disk refused a write (full, read-only, I/O error, locked). The transaction was rolled back. */
export class LibraryWriteError extends LibraryError {
  override name = 'LibraryWriteError'
  constructor(
    message: string,
    /** SQLite's primary result code name (SQLITE_FULL, SQLITE_READONLY, …) or the fs error code (ENOSPC, EROFS, …). */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super('LIBRARY_WRITE_FAILED', message, options)
  }

  override toIpcError(): IpcError {
    return { code: this.code, message: this.message, data: { reason: this.reason } }
  }
}

/** SQLite primary result codes that mean "the storage failed", not "the code is wrong". */
const STORAGE_CODES: Record<number, string> = {
  3: 'SQLITE_PERM',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  26: 'SQLITE_NOTADB',
}

const FS_CODES = new Set(['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EDQUOT', 'ENOTDIR'])

function sentenceFor(reason: string): string {
  switch (reason) {
    case 'SQLITE_FULL':
    case 'ENOSPC':
    case 'EDQUOT':
      return 'Atelier could not write to its library: the disk is full. Free some space and try again.'
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return 'Atelier could not write to its library: the folder is read-only or not writable.'
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'Atelier could not write to its library: another program is holding it locked.'
    default:
      return 'Atelier could not write to its library (disk full or read-only?).'
  }
}

/** The storage reason behind an error, or null when the error is not about storage. */
export function storageReason(error: unknown): string | null {
  if (!(error instanceof Error)) return null
  const { errcode, code } = error as { errcode?: unknown; code?: unknown }
  if (typeof errcode === 'number') return STORAGE_CODES[errcode & 0xff] ?? null
  if (typeof code === 'string' && FS_CODES.has(code)) return code
  return null
}

/** Storage failures become LibraryWriteError; anything else (a bug, a constraint) is rethrown as it is. */
export function toWriteError(error: unknown): unknown {
  if (error instanceof LibraryError) return error
  const reason = storageReason(error)
  if (!reason) return error
  if (reason === 'SQLITE_CORRUPT' || reason === 'SQLITE_NOTADB') {
    return new LibraryError(
      'LIBRARY_CORRUPT',
      "Atelier's library database is damaged. Your images are still in the library folder; restore the database from a backup.",
      { cause: error },
    )
  }
  return new LibraryWriteError(sentenceFor(reason), reason, { cause: error })
}

/** Storage failures while reading: a damaged file is LIBRARY_CORRUPT, an I/O failure LIBRARY_READ_FAILED. */
export function toReadError(error: unknown): unknown {
  if (error instanceof LibraryError) return error
  const reason = storageReason(error)
  if (!reason) return error
  const wrapped = toWriteError(error)
  if (wrapped instanceof LibraryError && wrapped.code === 'LIBRARY_CORRUPT') return wrapped
  return new LibraryError('LIBRARY_READ_FAILED', 'Atelier could not read its library. Check the disk and try again.', {
    cause: error,
  })
}
