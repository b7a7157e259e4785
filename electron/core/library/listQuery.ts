/**
 * The grid's query: newest first (created_at, then id), keyset-paged, filtered,
 * optionally searched. A search runs one of two ways, chosen by how many
 * prompts match (counted cheaply, up to a cap):
 * - few matches: the full-text index drives; the matches are sorted by their keys
 *   alone, and only the page's rows are then read in full (a deferred join);
 * - many matches (a short prefix while typing): the time index drives and stops
 *   after one page, checking each row against the match set, instead of reading
 *   and sorting tens of thousands of rows.
 */
import type { z } from 'zod'
import type { ListGenerationsInput } from '../../../shared/contract'
import { decodeCursor } from './cursor'
import { GENERATION_SELECT } from './rows'

/** Above this many matches, walking the time index beats sorting the matches. */
export const FTS_DRIVEN_MAX_MATCHES = 500

export type SearchPlan = 'fts-driven' | 'time-driven'

export interface ListSql {
  sql: string
  params: Array<string | number>
}

export function buildListSql(
  input: z.output<typeof ListGenerationsInput>,
  ftsQuery: string | null,
  plan: SearchPlan,
): ListSql {
  const where = ['g.deleted_at IS NULL']
  const params: Array<string | number> = []
  if (ftsQuery !== null) params.push(ftsQuery)
  if (ftsQuery !== null && plan === 'fts-driven') where.push('generations_fts MATCH ?')
  if (ftsQuery !== null && plan === 'time-driven') {
    where.push('+g.seq IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH ?)')
  }
  const statuses = [...new Set(input.statuses)]
  if (statuses.length > 0) {
    where.push(`g.status IN (${statuses.map(() => '?').join(', ')})`)
    params.push(...statuses)
  }
  if (input.favoritesOnly) where.push('g.favorite = 1')
  if (input.cursor !== null) {
    const position = decodeCursor(input.cursor)
    where.push('(g.created_at, g.id) < (?, ?)')
    params.push(position.createdAt, position.id)
  }
  params.push(input.limit + 1)
  const order = 'ORDER BY g.created_at DESC, g.id DESC'
  const filter = where.join(' AND ')

  if (ftsQuery !== null && plan === 'fts-driven') {
    const keys = `SELECT g.seq FROM generations_fts CROSS JOIN generations g ON g.seq = generations_fts.rowid WHERE ${filter} ${order} LIMIT ?`
    return { sql: `SELECT ${GENERATION_SELECT} FROM generations g WHERE g.seq IN (${keys}) ${order}`, params }
  }
  const from = ftsQuery !== null ? 'generations g INDEXED BY generations_by_time' : 'generations g'
  return { sql: `SELECT ${GENERATION_SELECT} FROM ${from} WHERE ${filter} ${order} LIMIT ?`, params }
}
