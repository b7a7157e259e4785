/**
 * The walked plan of a broad search (listQuery.ts explains the plans): the view's
 * rows are read along the sort's index in chunks, at most `walkMaxRows` of them,
 * and each prompt is tested with the search's own word rule (search.ts: the rule
 * basic mode uses, which cuts and folds words as the full-text tokenizer does). A
 * dense match ("c", "mountain") fills a page within a few hundred rows, where
 * collecting its match set from the full-text index would cost tens of
 * milliseconds at a million rows.
 */
import type { StatementSync } from 'node:sqlite'
import type { z } from 'zod'
import type { ListGenerationsInput } from '../../../shared/contract'
import { encodeCursor } from './cursor'
import { buildRowsBySeqSql, buildWalkSql } from './listQuery'
import type { GenerationReader, GenerationRow } from './rows'
import { promptMatcher, toSearchQuery } from './search'

type ListInput = z.output<typeof ListGenerationsInput>

/**
 * Rows are read a chunk at a time (a whole chunk is cheaper per row than stepping one by one),
 * so a dense match costs one small chunk and a sparse one stops at the bound.
 */
const WALK_CHUNK_ROWS = 500

/**
 * Reading and testing a walked row costs about this many times what the full-text index takes
 * to hand over one match (measured at a million rows: about 1 µs against 0.2–0.6 µs, more for a
 * prefix the index merges from many words). The walk goes
 * on only while the rows it still expects to walk cost less than collecting every match would.
 */
const WALKED_ROW_COST = 4

export interface WalkStatements {
  statement(sql: string): StatementSync
  reader(sql: string): GenerationReader
}

type WalkedRow = [seq: number, prompt: string, createdAt: string, id: string, price: number]

function walkedRows(statement: StatementSync, params: Array<string | number>): WalkedRow[] {
  // Arrays where this node:sqlite has them (half the cost of an object per row); else the object's values, in select order.
  const withArrays = statement as StatementSync & { setReturnArrays?: (enabled: boolean) => void }
  withArrays.setReturnArrays?.(true)
  const rows = statement.all(...params) as unknown[]
  return rows.map((row) => (Array.isArray(row) ? row : Object.values(row as object)) as WalkedRow)
}

export interface WalkBounds {
  /** Never more rows than this. */
  maxRows: number
  /** About how many rows the library holds: what collecting every match is weighed against. */
  libraryRows: number
}

/**
 * The page's rows (limit + 1 at most, in the view's order); or, when the walk stopped without
 * filling the page — at its bound, or because the density it found says collecting the matches
 * is cheaper than walking on — how many matches the library holds at that density (the caller
 * collects them instead, and need not count them first to choose how).
 */
export type WalkResult = { rows: GenerationRow[] } | { rows: null; matchesAbout: number }

export function walkSearch(db: WalkStatements, input: ListInput, bounds: WalkBounds): WalkResult {
  const walkMaxRows = bounds.maxRows
  const search = toSearchQuery(input.search, 'basic')
  if (search?.mode !== 'basic') return { rows: null, matchesAbout: 0 }
  const matches = promptMatcher(search.words)
  const found: number[] = []
  const page = () => ({ rows: db.reader(buildRowsBySeqSql(input)).all(JSON.stringify(found)) })
  const stopped = (walked: number) => ({ rows: null, matchesAbout: (found.length / Math.max(1, walked)) * bounds.libraryRows })
  let cursor = input.cursor
  for (let walked = 0; walked < walkMaxRows; ) {
    const take = Math.min(WALK_CHUNK_ROWS, walkMaxRows - walked)
    const walk = buildWalkSql({ ...input, cursor }, take)
    const rows = walkedRows(db.statement(walk.sql), walk.params)
    for (const [seq, prompt] of rows) {
      if (matches(prompt)) found.push(seq)
      if (found.length > input.limit) return page()
    }
    walked += rows.length
    const last = rows.at(-1)
    // The view ended inside the walk: what was found is all there is.
    if (rows.length < take || !last) return page()
    const density = found.length / walked
    const rowsToGo = density > 0 ? (input.limit + 1 - found.length) / density : Infinity
    if (rowsToGo * WALKED_ROW_COST > density * bounds.libraryRows) return stopped(walked)
    cursor = encodeCursor({ createdAt: last[2], id: last[3], ...(input.sort === 'price' ? { price: last[4] } : {}) })
  }
  return stopped(walkMaxRows)
}
