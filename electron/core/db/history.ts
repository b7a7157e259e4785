/**
 * Prompt history: one row per exact prompt text, moved to the top each time it
 * is sent again (with the ratio of that last use). Searched with LIKE per word
 * (the table holds distinct prompts, capped, so a scan of it is cheap) and
 * keyset-paged on (last_used_at, id), the order its index holds.
 */
import type { DatabaseSync } from 'node:sqlite'
import { z } from 'zod'
import type { HistoryEntry } from '../../../shared/contract'
import type { AspectRatio } from '../../../shared/domain'
import type { StoreAccess } from './access'
import { decodeKeyset, encodeKeyset } from './cursor'
import { canonicalTimestamp } from './normalize'

/** The history keeps this many distinct prompts; the least recently used go first. */
export const HISTORY_MAX_ENTRIES = 10_000
const MAX_QUERY_WORDS = 8

export interface HistoryQuery {
  query: string
  limit: number
  cursor: string | null
}

export interface PromptHistory {
  /** Records a sent prompt: a new entry, or the existing one moved to now with this ratio. */
  record(prompt: string, aspectRatio: AspectRatio): void
  /** Newest use first; every word of `query` must occur in the prompt (case-insensitive). */
  list(query: HistoryQuery): { items: HistoryEntry[]; nextCursor: string | null }
  /** Forgets every entry; returns how many there were. */
  clear(): number
  /**
   * Puts back entries from the library's own copy (a rebuild): a prompt already here keeps
   * the later use and the higher count. Returns how many prompts were not here before.
   */
  restore(entries: readonly HistoryEntry[]): number
}

interface HistoryRow {
  id: number
  prompt: string
  aspect_ratio: AspectRatio
  last_used_at: string
  uses: number
}

const CursorShape = z.tuple([z.string().min(1).max(64), z.number().int().nonnegative()])

function encodeHistoryCursor(row: HistoryRow): string {
  return encodeKeyset([row.last_used_at, row.id])
}

function decodeHistoryCursor(cursor: string): { lastUsedAt: string; id: number } {
  const [lastUsedAt, id] = decodeKeyset(
    cursor,
    CursorShape,
    'That page of the history is no longer valid. Open it again.',
  )
  return { lastUsedAt, id }
}

/** `%word%` with LIKE's own wildcards escaped, so "100%" finds a literal percent sign. */
function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export function createPromptHistory(db: DatabaseSync, access: StoreAccess): PromptHistory {
  const upsert = db.prepare(`
    INSERT INTO prompt_history (prompt, aspect_ratio, last_used_at) VALUES (?, ?, ?)
    ON CONFLICT (prompt) DO UPDATE SET
      aspect_ratio = excluded.aspect_ratio,
      last_used_at = MAX(last_used_at, excluded.last_used_at),
      uses = uses + 1`)
  const prune = db.prepare(`
    DELETE FROM prompt_history WHERE id IN (
      SELECT id FROM prompt_history ORDER BY last_used_at DESC, id DESC LIMIT -1 OFFSET ?)`)
  const count = db.prepare('SELECT COUNT(*) AS n FROM prompt_history')
  const clearAll = db.prepare('DELETE FROM prompt_history')
  // SET reads the row as it was, so the ratio follows the later of the two uses.
  const putBack = db.prepare(`
    INSERT INTO prompt_history (prompt, aspect_ratio, last_used_at, uses) VALUES (?, ?, ?, ?)
    ON CONFLICT (prompt) DO UPDATE SET
      aspect_ratio = CASE WHEN excluded.last_used_at > last_used_at THEN excluded.aspect_ratio ELSE aspect_ratio END,
      last_used_at = MAX(last_used_at, excluded.last_used_at),
      uses = MAX(uses, excluded.uses)`)
  const size = () => (count.get() as { n: number }).n

  return {
    record(prompt, aspectRatio) {
      access.write(() => {
        upsert.run(prompt, aspectRatio, access.now())
        prune.run(HISTORY_MAX_ENTRIES)
      })
      access.changed('history')
    },

    list({ query, limit, cursor }) {
      const words = query.trim().split(/\s+/u).filter(Boolean).slice(0, MAX_QUERY_WORDS)
      const where: string[] = words.map(() => "prompt LIKE ? ESCAPE '\\'")
      const params: Array<string | number> = words.map(likePattern)
      if (cursor !== null) {
        const after = decodeHistoryCursor(cursor)
        where.push('(last_used_at < ? OR (last_used_at = ? AND id < ?))')
        params.push(after.lastUsedAt, after.lastUsedAt, after.id)
      }
      const sql = `SELECT id, prompt, aspect_ratio, last_used_at, uses FROM prompt_history
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY last_used_at DESC, id DESC LIMIT ?`
      const rows = access.read(() => db.prepare(sql).all(...params, limit + 1) as unknown as HistoryRow[])
      const page = rows.slice(0, limit)
      const last = page[page.length - 1]
      return {
        items: page.map((row) => ({
          prompt: row.prompt,
          aspectRatio: row.aspect_ratio,
          lastUsedAt: row.last_used_at,
          uses: row.uses,
        })),
        nextCursor: rows.length > limit && last ? encodeHistoryCursor(last) : null,
      }
    },

    clear() {
      const removed = access.write(() => {
        const n = size()
        clearAll.run()
        return n
      })
      access.changed('history')
      return removed
    },

    restore(entries) {
      if (entries.length === 0) return 0
      const added = access.write(() => {
        const before = size()
        for (const entry of entries)
          putBack.run(entry.prompt, entry.aspectRatio, canonicalTimestamp(entry.lastUsedAt), entry.uses)
        prune.run(HISTORY_MAX_ENTRIES)
        return Math.max(0, size() - before)
      })
      access.changed('history')
      return added
    },
  }
}
