/** Why a result download failed; the engine retries all of them, and tells expired links apart. */
export type DownloadFailureKind =
  /** 403/404/410: the link no longer works. */
  | 'expired'
  /** Any other HTTP status. */
  | 'http'
  | 'network'
  | 'timeout'
  | 'aborted'
  /** The body ended before Content-Length. */
  | 'truncated'
  /** Not a decodable image (or an image type we do not keep). */
  | 'corrupt'
  | 'too_large'
  /** Our own disk refused the file (full, read-only). */
  | 'disk'
  | 'bad_url'

export class DownloadError extends Error {
  override readonly name = 'DownloadError'
  constructor(
    readonly kind: DownloadFailureKind,
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

const DISK_CODES = new Set(['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EDQUOT', 'EMFILE', 'ENFILE'])

export function isDiskError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && DISK_CODES.has(code)
}
