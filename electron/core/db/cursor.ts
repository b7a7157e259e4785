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

export function encodeCursor(position: CursorPosition): string {
  const values =
    position.price === undefined ? [position.createdAt, position.id] : [position.createdAt, position.id, position.price]
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string): CursorPosition {
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    decoded = undefined
  }
  const parsed = CursorShape.safeParse(decoded)
  if (!parsed.success)
    throw new LibraryError('INVALID_CURSOR', 'That page of the library is no longer valid. Reload the list.')
  const [createdAt, id, price] = parsed.data
  return price === undefined ? { createdAt, id } : { createdAt, id, price }
}
