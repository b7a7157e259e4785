/**
 * Errors cross the contract as values, never as thrown exceptions: Electron keeps
 * only `message` of an error thrown from a handler, and a WebSocket keeps nothing.
 * The router wraps every reply in a Result; the client rebuilds an AtelierError.
 */
import { z } from 'zod'

export const IpcError = z.object({
  /** Stable code the UI maps to a sentence and an action (e.g. `INSUFFICIENT_CREDITS`). */
  code: z.string(),
  /** A human sentence, safe to show as is. */
  message: z.string(),
  /** Extra facts for the UI (field issues, retry time). JSON-safe. */
  data: z.record(z.string(), z.unknown()).optional(),
})
export type IpcError = z.infer<typeof IpcError>

export const ResultEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: IpcError }),
])
export type Result<T> = { ok: true; data: T } | { ok: false; error: IpcError }

/** The error a caller of `window.atelier` sees. */
export class AtelierError extends Error {
  override readonly name = 'AtelierError'
  readonly code: string
  readonly data: Record<string, unknown> | undefined

  constructor(error: IpcError) {
    super(error.message)
    this.code = error.code
    this.data = error.data
  }
}

export const isAtelierError = (value: unknown): value is AtelierError => value instanceof AtelierError
