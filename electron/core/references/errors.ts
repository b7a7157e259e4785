import type { IpcError } from '../../../shared/result'

/** Why an image was refused. Stable: the UI may map a code to an action. */
export type ReferenceRefusalCode =
  | 'REFERENCE_EMPTY'
  | 'REFERENCE_TOO_LARGE'
  | 'REFERENCE_NOT_IMAGE'
  | 'REFERENCE_CORRUPT'
  | 'REFERENCE_TOO_MANY_PIXELS'
  | 'REFERENCE_SVG'
  | 'REFERENCE_UNSUPPORTED'
  | 'REFERENCE_URL_INVALID'
  | 'REFERENCE_URL_UNREACHABLE'
  /** A decodable image behind a link, in a format the provider does not take from links. */
  | 'REFERENCE_URL_UNSUPPORTED'
  /** The prepared copy in the library is gone or no longer matches its hash. */
  | 'REFERENCE_MISSING'

/**
 * A reference image refused before any request is made. The message is a
 * sentence the user can act on; the router passes it through unchanged
 * (electron/core/ipc/errors.ts calls toIpcError).
 */
export class ReferenceRefusedError extends Error {
  override readonly name = 'ReferenceRefusedError'

  constructor(
    readonly code: ReferenceRefusalCode,
    message: string,
    readonly data?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  toIpcError(): IpcError {
    return this.data
      ? { code: this.code, message: this.message, data: this.data }
      : { code: this.code, message: this.message }
  }
}

export const isReferenceRefusal = (error: unknown): error is ReferenceRefusedError =>
  error instanceof ReferenceRefusedError
