/**
 * Keyset cursor: the sort key of the last row shown — (created_at, id), plus
 * the price key when the grid is sorted by price. Opaque to the UI (base64url
 * JSON), checked on the way back in: a cursor is input from the renderer like
 * any other.
 */
import { z } from 'zod'
import { LibraryError } from './errors'

export interface CursorPosition {
  createdAt: string
  id: string
  /** COALESCE(price_micros, -1) of the last row, for the price sort only. */
  price?: number
}

const CreatedAt = z.string().min(1).max(64)
const Id = z.string().min(1).max(256)
const CursorShape = z.union([z.tuple([CreatedAt, Id]), z.tuple([CreatedAt, Id, z.number().int().min(-1)])])

/** Any keyset cursor: the sort values of the last row, as base64url JSON. */
export function encodeKeyset(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url')
}

/**
 * Reads a cursor back with the shape it must have; anything else (not base64url,
 * not JSON, wrong shape) is INVALID_CURSOR with `message` for the person.
 */
export function decodeKeyset<T>(cursor: string, shape: z.ZodType<T>, message: string): T {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    decoded = undefined
  }
  const parsed = shape.safeParse(decoded)
  if (!parsed.success) throw new LibraryError('INVALID_CURSOR', message)
  return parsed.data
}

export function encodeCursor(position: CursorPosition): string {
  return encodeKeyset(
    position.price === undefined
      ? [position.createdAt, position.id]
      : [position.createdAt, position.id, position.price],
  )
}

export function decodeCursor(cursor: string): CursorPosition {
  const [createdAt, id, price] = decodeKeyset(
    cursor,
    CursorShape,
    'That page of the library is no longer valid. Reload the list.',
  )
  return price === undefined ? { createdAt, id } : { createdAt, id, price }
}
