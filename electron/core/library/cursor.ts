/**
 * Keyset cursor for "newest first": the (created_at, id) of the last row shown.
 * Opaque to the UI (base64url JSON), checked on the way back in: a cursor is
 * input from the renderer like any other.
 */
import { z } from 'zod'
import { LibraryError } from './errors'

export interface CursorPosition {
  createdAt: string
  id: string
}

const CursorShape = z.tuple([z.string().min(1).max(64), z.string().min(1).max(256)])

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id]), 'utf8').toString('base64url')
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
  const [createdAt, id] = parsed.data
  return { createdAt, id }
}
