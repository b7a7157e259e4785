import type { IpcError } from '../../../shared/result'

/**
 * An error a command handler throws on purpose: its code and message reach the
 * UI unchanged. Anything else becomes a generic INTERNAL error (and is logged).
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError'
  constructor(
    readonly code: string,
    message: string,
    readonly data?: Record<string, unknown>,
  ) {
    super(message)
  }
}

/** Anything that already carries a code and a human message (e.g. RunblobError). */
interface CodedError {
  code: string
  message: string
  toIpcError?: () => IpcError
}

function isCodedError(error: unknown): error is CodedError {
  return (
    error instanceof Error &&
    typeof (error as Partial<CodedError>).code === 'string' &&
    typeof (error as Partial<CodedError>).toIpcError === 'function'
  )
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof UserFacingError) {
    return error.data
      ? { code: error.code, message: error.message, data: error.data }
      : { code: error.code, message: error.message }
  }
  if (isCodedError(error) && error.toIpcError) return error.toIpcError()
  return { code: 'INTERNAL', message: 'Something went wrong inside Atelier. The details are in the log.' }
}

/** The generation a command names, or the sentence the UI shows when it is gone. */
export function requireGeneration<G>(read: { getGeneration(id: string): G | null }, id: string): G {
  const generation = read.getGeneration(id)
  if (!generation) throw new UserFacingError('NOT_FOUND', 'That image is no longer in the library.')
  return generation
}
