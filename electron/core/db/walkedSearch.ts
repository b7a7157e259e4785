/**
 * The walked plan of a broad search (listQuery.ts explains the plans): the view's
 * rows are read along the sort's index a chunk at a time, at most `maxRows` of
 * them; SQLite drops the prompts that cannot hold the words, and each one left is
 * tested with the search's own word rule (search.ts: the rule basic mode uses,
 * which cuts and folds words as the full-text tokenizer does). A dense match ("c",
 * "mountain") fills a page within a few hundred rows, where collecting its match
 * set from the full-text index costs tens of milliseconds at a million rows.
 */
import type { StatementSync } from 'node:sqlite'
import type { z } from 'zod'
import type { ListGenerationsInput } from '../../../shared/contract'
import { encodeCursor } from './cursor'
import { buildRowsBySeqSql, buildWalkChunkSql, buildWalkEndSql } from './listQuery'
import type { GenerationReader, GenerationRow } from './rows'
import { promptMatcher, searchWords, toSearchQuery } from './search'

type ListInput = z.output<typeof ListGenerationsInput>

/** Rows per chunk, growing: a dense match costs one small chunk, a sparse one few statements. */
const FIRST_CHUNK_ROWS = 250
const LARGEST_CHUNK_ROWS = 2000

/**
 * Walking a row costs about this many times what the full-text index takes to hand over one
 * match when the match set is collected (measured at a million rows: about 0.4 µs against
 * 0.15–0.6 µs, the more for a prefix the index merges from many words). The walk goes on only
 * while the rows it still expects to walk cost less than collecting every match would.
 */
const WALKED_ROW_COST = 2

export interface WalkStatements {
  statement(sql: string): StatementSync
  reader(sql: string): GenerationReader
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

/** A statement's rows as arrays where this node:sqlite can (half the cost of an object per row); else the objects' values, in select order. */
function rowValues(statement: StatementSync, params: Array<string | number>): unknown[][] {
  const withArrays = statement as StatementSync & { setReturnArrays?: (enabled: boolean) => void }
  withArrays.setReturnArrays?.(true)
  return (statement.all(...params) as unknown[]).map((row) => (Array.isArray(row) ? row : Object.values(row as object)))
}

export function walkSearch(db: WalkStatements, input: ListInput, bounds: WalkBounds): WalkResult {
  const search = toSearchQuery(input.search, 'basic')
  if (search?.mode !== 'basic') return { rows: null, matchesAbout: 0 }
  const matches = promptMatcher(search.words)
  // Folded words of plain letters and digits: SQLite may drop a prompt without them (no LIKE wildcards among them).
  const asciiWords = searchWords(search.words).filter((word) => /^[a-z0-9]+$/.test(word))
  const found: number[] = []
  const page = () => ({ rows: db.reader(buildRowsBySeqSql(input)).all(JSON.stringify(found)) })
  let cursor = input.cursor
  for (
    let walked = 0, chunkRows = FIRST_CHUNK_ROWS;
    walked < bounds.maxRows;
    chunkRows = Math.min(2 * chunkRows, LARGEST_CHUNK_ROWS)
  ) {
    const take = Math.min(chunkRows, bounds.maxRows - walked)
    const endSql = buildWalkEndSql({ ...input, cursor }, take)
    const [endRow] = rowValues(db.statement(endSql.sql), endSql.params)
    const end = endRow
      ? encodeCursor({
          createdAt: endRow[0] as string,
          id: endRow[1] as string,
          ...(input.sort === 'price' ? { price: endRow[2] as number } : {}),
        })
      : null
    const chunk = buildWalkChunkSql({ ...input, cursor }, end, asciiWords)
    for (const [seq, prompt] of rowValues(db.statement(chunk.sql), chunk.params)) {
      if (matches(prompt as string)) found.push(seq as number)
      if (found.length > input.limit) return page()
    }
    // The view ended inside this chunk: what was found is all there is.
    if (end === null) return page()
    cursor = end
    walked += take
    const density = found.length / walked
    const rowsToGo = density > 0 ? (input.limit + 1 - found.length) / density : Infinity
    if (rowsToGo * WALKED_ROW_COST > density * bounds.libraryRows)
      return { rows: null, matchesAbout: density * bounds.libraryRows }
  }
  return { rows: null, matchesAbout: (found.length / bounds.maxRows) * bounds.libraryRows }
}
