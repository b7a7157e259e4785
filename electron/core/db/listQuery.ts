/**
 * The grid's query: filtered, sorted (newest, oldest, most expensive), keyset-
 * paged — or started at an offset, for a virtualized grid that jumps — and
 * optionally searched. A search runs one of two ways, chosen by how many
 * prompts match (counted cheaply, up to a cap):
 * - few matches: the full-text index drives; the matches are sorted by their keys
 *   alone, and only the page's rows are then read in full (a deferred join);
 * - many matches: the sort's index drives and stops after one page, checking each
 *   row against the match set, instead of reading and sorting tens of thousands of rows;
 * - many matches that are dense (a prefix while typing: "c", "cand", "mountain"):
 *   collecting the match set alone costs tens of milliseconds at a million rows, so
 *   the sort's index is walked a bounded distance and each prompt tested in place
 *   (`buildWalkSql`, run by Library.ts); a walk that does not fill the page falls
 *   back to the match set.
 * A collection filter (without a search) is chosen the same way, by the collection's size:
 * a small one drives from its items and sorts them; a large one lets the sort's index drive
 * and checks membership per row (a primary-key lookup), stopping after one page.
 */
import type { z } from 'zod'
import type { LibraryFilter, ListGenerationsInput } from '../../../shared/contract'
import { decodeCursor } from './cursor'
import { canonicalTimestamp } from './normalize'
import { GENERATION_SELECT } from './rows'
import { LibraryError } from './errors'
import { PROMPT_MATCHES_FUNCTION, type SearchQuery } from './search'

/** Above this many matches, walking the time index beats sorting the matches. */
export const FTS_DRIVEN_MAX_MATCHES = 500

export type SearchPlan = 'fts-driven' | 'time-driven'

/**
 * How far a walked search steps along the sort's index before it gives up and collects
 * the match set: a walked row costs about 0.4 µs, so a wasted walk is a few milliseconds,
 * and any match at least 0.6 % dense fills a page of 60 within it.
 */
export const WALK_MAX_ROWS = 10_000

/** Above this many items, walking the time index beats sorting a collection's items. */
export const COLLECTION_DRIVEN_MAX_ITEMS = 500

export type CollectionPlan = 'collection-driven' | 'time-driven'

const IN_COLLECTION =
  'EXISTS (SELECT 1 FROM collection_items ci WHERE ci.collection_id = ? AND ci.generation_id = g.id)'

type Filter = z.output<typeof LibraryFilter>
type ListInput = z.output<typeof ListGenerationsInput>
type Param = string | number

export interface ListSql {
  sql: string
  params: Param[]
}

/** The sort key of `COALESCE(price_micros, -1)`: unpriced rows sort after every priced one. */
export const PRICE_KEY = 'COALESCE(g.price_micros, -1)'

interface Ordering {
  order: string
  /** Rows strictly after the cursor, in this order. */
  after: (cursor: string, params: Param[]) => string
  /** Rows up to the cursor, itself included, in this order. */
  upTo: (cursor: string, params: Param[]) => string
  /** The partial index that walks this order (the time-driven plan names it). */
  index: string | null
}

/** A cursor's time key as parameters: the placeholders to compare with. */
function timeKey(cursor: string, params: Param[]): string {
  const position = decodeCursor(cursor)
  params.push(position.createdAt, position.id)
  return '?, ?'
}

/** A cursor's price key as parameters; a time cursor cannot continue the price sort. */
function priceKey(cursor: string, params: Param[]): string {
  const position = decodeCursor(cursor)
  if (position.price === undefined) {
    throw new LibraryError('INVALID_CURSOR', 'That page of the library is no longer valid. Reload the list.')
  }
  params.push(position.price, position.createdAt, position.id)
  return '?, ?, ?'
}

function ordering(filter: Filter): Ordering {
  const timeIndex = filter.trash ? 'generations_trash' : 'generations_by_time'
  switch (filter.sort) {
    case 'oldest':
      return {
        order: 'ORDER BY g.created_at ASC, g.id ASC',
        after: (cursor, params) => `(g.created_at, g.id) > (${timeKey(cursor, params)})`,
        upTo: (cursor, params) => `(g.created_at, g.id) <= (${timeKey(cursor, params)})`,
        index: timeIndex,
      }
    case 'price':
      return {
        order: `ORDER BY ${PRICE_KEY} DESC, g.created_at DESC, g.id DESC`,
        after: (cursor, params) => `(${PRICE_KEY}, g.created_at, g.id) < (${priceKey(cursor, params)})`,
        upTo: (cursor, params) => `(${PRICE_KEY}, g.created_at, g.id) >= (${priceKey(cursor, params)})`,
        index: filter.trash ? null : 'generations_by_price',
      }
    default:
      return {
        order: 'ORDER BY g.created_at DESC, g.id DESC',
        after: (cursor, params) => `(g.created_at, g.id) < (${timeKey(cursor, params)})`,
        upTo: (cursor, params) => `(g.created_at, g.id) >= (${timeKey(cursor, params)})`,
        index: timeIndex,
      }
  }
}

/**
 * The filter's conditions (search excluded) on `generations g`, with their parameters appended.
 * `joined`: the query already drives from the collection's items, so membership is not checked again.
 */
function filterConditions(filter: Filter, params: Param[], joined = false): string[] {
  const where = [filter.trash ? 'g.deleted_at IS NOT NULL' : 'g.deleted_at IS NULL']
  if (filter.collectionId !== null && !joined) {
    where.push(IN_COLLECTION)
    params.push(filter.collectionId)
  }
  const statuses = [...new Set(filter.statuses)]
  if (statuses.length > 0) {
    where.push(`g.status IN (${statuses.map(() => '?').join(', ')})`)
    params.push(...statuses)
  }
  if (filter.favoritesOnly) where.push('g.favorite = 1')
  const ratios = [...new Set(filter.aspectRatios)]
  if (ratios.length > 0) {
    where.push(`g.aspect_ratio IN (${ratios.map(() => '?').join(', ')})`)
    params.push(...ratios)
  }
  // Stored timestamps are canonical ISO strings, so string order is time order.
  if (filter.createdFrom !== null) {
    where.push('g.created_at >= ?')
    params.push(canonicalTimestamp(filter.createdFrom))
  }
  if (filter.createdBefore !== null) {
    where.push('g.created_at < ?')
    params.push(canonicalTimestamp(filter.createdBefore))
  }
  if (filter.usedReferences === true) where.push('g.reference_count > 0')
  if (filter.usedReferences === false) where.push('g.reference_count = 0')
  return where
}

/** Basic mode (no FTS5): the prompt is tested row by row with the FTS path's rules; a plain condition like any filter. */
function basicConditions(search: SearchQuery | null, params: Param[]): string[] {
  if (search?.mode !== 'basic') return []
  params.push(search.words)
  return [`${PROMPT_MATCHES_FUNCTION}(g.prompt, ?)`]
}

/** The FTS5 MATCH string, when the search runs on the full-text index. */
function ftsMatch(search: SearchQuery | null): string | null {
  return search?.mode === 'full' ? search.match : null
}

export function buildListSql(
  input: ListInput,
  search: SearchQuery | null,
  plan: SearchPlan,
  collectionPlan: CollectionPlan = 'time-driven',
): ListSql {
  const params: Param[] = []
  const ftsQuery = ftsMatch(search)
  const where: string[] = basicConditions(search, params)
  const { order, after, index } = ordering(input)
  const offset = input.cursor === null && input.offset > 0 ? input.offset : 0
  const byCollection = ftsQuery === null && input.collectionId !== null && collectionPlan === 'collection-driven'
  if (ftsQuery !== null) params.push(ftsQuery)
  if (ftsQuery !== null && plan === 'fts-driven') where.push('generations_fts MATCH ?')
  if (ftsQuery !== null && plan !== 'fts-driven') {
    where.push('+g.seq IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH ?)')
  }
  if (byCollection && input.collectionId !== null) {
    where.push('ci.collection_id = ?')
    params.push(input.collectionId)
  }
  where.push(...filterConditions(input, params, byCollection))
  if (input.cursor !== null) where.push(after(input.cursor, params))
  params.push(input.limit + 1)
  const limit = offset > 0 ? 'LIMIT ? OFFSET ?' : 'LIMIT ?'
  if (offset > 0) params.push(offset)
  const filter = where.join(' AND ')

  if (ftsQuery !== null && plan === 'fts-driven') {
    const keys = `SELECT g.seq FROM generations_fts CROSS JOIN generations g ON g.seq = generations_fts.rowid WHERE ${filter} ${order} ${limit}`
    return { sql: `SELECT ${GENERATION_SELECT} FROM generations g WHERE g.seq IN (${keys}) ${order}`, params }
  }
  if (byCollection) {
    // The collection's items drive; only the page's rows are then read in full.
    const keys = `SELECT g.seq FROM collection_items ci CROSS JOIN generations g ON g.id = ci.generation_id WHERE ${filter} ${order} ${limit}`
    return { sql: `SELECT ${GENERATION_SELECT} FROM generations g WHERE g.seq IN (${keys}) ${order}`, params }
  }
  // A search or a large collection: the sort's index drives (the planner, without statistics, might not).
  const driven = ftsQuery !== null || input.collectionId !== null
  const from = driven && index !== null ? `generations g INDEXED BY ${index}` : 'generations g'
  if (offset > 0) {
    // Skipped rows are only stepped over in the index; just the page's rows are read in full.
    const keys = `SELECT g.seq FROM ${from} WHERE ${filter} ${order} ${limit}`
    return { sql: `SELECT ${GENERATION_SELECT} FROM generations g WHERE g.seq IN (${keys}) ${order}`, params }
  }
  return { sql: `SELECT ${GENERATION_SELECT} FROM ${from} WHERE ${filter} ${order} ${limit}`, params }
}

/**
 * The walked plan, one chunk at a time. First the chunk's end: the sort key of the
 * `chunkRows`-th row after the cursor (null past the end of the view), stepped over in
 * the index alone. Not for an offset: every skipped row would be walked too.
 */
export function buildWalkEndSql(input: ListInput, chunkRows: number): ListSql {
  const params: Param[] = []
  const { order, after } = ordering(input)
  const where = filterConditions(input, params)
  if (input.cursor !== null) where.push(after(input.cursor, params))
  params.push(chunkRows - 1)
  return {
    sql: `SELECT g.created_at, g.id, ${PRICE_KEY} FROM ${walkFrom(input)} WHERE ${where.join(' AND ')} ${order} LIMIT 1 OFFSET ?`,
    params,
  }
}

/**
 * Then the chunk's candidates, `[seq, prompt]` in the view's order: the rows after the cursor up
 * to the chunk's end (to the view's end when null) whose prompt could hold every word. SQLite
 * checks that in C for words of plain ASCII letters and digits (a substring of the prompt in ASCII
 * lower case); a prompt with any other character (its byte length is not its length: accents
 * that fold away, other scripts) always goes on to the caller's exact word test.
 */
export function buildWalkChunkSql(input: ListInput, end: string | null, asciiWords: readonly string[]): ListSql {
  const params: Param[] = []
  const { order, after, upTo } = ordering(input)
  const where = filterConditions(input, params)
  if (input.cursor !== null) where.push(after(input.cursor, params))
  if (end !== null) where.push(upTo(end, params))
  if (asciiWords.length > 0) {
    const contains = asciiWords.map(() => 'instr(lower(g.prompt), ?) > 0').join(' AND ')
    where.push(`(length(CAST(g.prompt AS BLOB)) != length(g.prompt) OR (${contains}))`)
    params.push(...asciiWords)
  }
  return { sql: `SELECT g.seq, g.prompt FROM ${walkFrom(input)} WHERE ${where.join(' AND ')} ${order}`, params }
}

function walkFrom(input: ListInput): string {
  const { index } = ordering(input)
  return index !== null ? `generations g INDEXED BY ${index}` : 'generations g'
}

/** The walked plan's second step: the page's rows in full, by their seq (a JSON array), in the view's order. */
export function buildRowsBySeqSql(filter: Filter): string {
  return `SELECT ${GENERATION_SELECT} FROM generations g WHERE g.seq IN (SELECT value FROM json_each(?)) ${ordering(filter).order}`
}

/** True when the filter narrows nothing but library vs trash (and the search). */
function onlySearch(filter: Filter): boolean {
  return (
    filter.statuses.length === 0 &&
    !filter.favoritesOnly &&
    filter.aspectRatios.length === 0 &&
    filter.createdFrom === null &&
    filter.createdBefore === null &&
    filter.usedReferences === null &&
    filter.collectionId === null
  )
}

/** The partial index that holds exactly the rows a count must visit, when there is one. */
function countIndex(filter: Filter): string | null {
  if (filter.trash) return 'generations_trash'
  if (filter.statuses.length > 0) return null
  return filter.favoritesOnly ? 'generations_favorites' : 'generations_by_time'
}

/** How many rows the filter matches (for the grid's scroll height). */
export function buildCountSql(filter: Filter, search: SearchQuery | null): ListSql {
  const params: Param[] = []
  const ftsQuery = ftsMatch(search)
  if (search?.mode === 'basic') {
    const where = [...basicConditions(search, params), ...filterConditions(filter, params)]
    return { sql: `SELECT COUNT(*) AS n FROM generations g WHERE ${where.join(' AND ')}`, params }
  }
  if (ftsQuery !== null && onlySearch(filter) && !filter.trash) {
    // A plain search counts in the full-text index alone, less the matches that sit in the
    // (small) trash: no row of the table is read.
    return {
      sql: `SELECT (SELECT COUNT(*) FROM generations_fts WHERE generations_fts MATCH ?)
          - (SELECT COUNT(*) FROM generations g INDEXED BY generations_trash
             WHERE g.deleted_at IS NOT NULL AND g.seq IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH ?)) AS n`,
      params: [ftsQuery, ftsQuery],
    }
  }
  if (ftsQuery === null && onlySearch(filter) && !filter.trash) {
    // The whole library: SQLite counts a table without visiting its rows; the trash is small.
    return {
      sql: `SELECT (SELECT COUNT(*) FROM generations)
          - (SELECT COUNT(*) FROM generations g INDEXED BY generations_trash WHERE g.deleted_at IS NOT NULL) AS n`,
      params: [],
    }
  }
  if (ftsQuery === null && filter.collectionId !== null) {
    // A collection counts from its items: no more rows are visited than it holds.
    params.push(filter.collectionId)
    const where = filterConditions(filter, params, true)
    return {
      sql: `SELECT COUNT(*) AS n FROM collection_items ci CROSS JOIN generations g ON g.id = ci.generation_id
          WHERE ci.collection_id = ? AND ${where.join(' AND ')}`,
      params,
    }
  }
  if (ftsQuery !== null) params.push(ftsQuery)
  const where = filterConditions(filter, params)
  if (ftsQuery === null) {
    const index = countIndex(filter)
    const from = index ? `generations g INDEXED BY ${index}` : 'generations g'
    return { sql: `SELECT COUNT(*) AS n FROM ${from} WHERE ${where.join(' AND ')}`, params }
  }
  return {
    sql: `SELECT COUNT(*) AS n FROM generations_fts CROSS JOIN generations g ON g.seq = generations_fts.rowid
          WHERE generations_fts MATCH ? AND ${where.join(' AND ')}`,
    params,
  }
}

/** Every matching id in the filter's order, at most `cap` (the grid's "select all"). */
export function buildIdsSql(filter: Filter, search: SearchQuery | null, cap: number): ListSql {
  const params: Param[] = []
  const ftsQuery = ftsMatch(search)
  const basic = basicConditions(search, params)
  if (ftsQuery !== null) params.push(ftsQuery)
  const where = [...basic, ...filterConditions(filter, params)]
  const { order } = ordering(filter)
  params.push(cap)
  const from =
    ftsQuery === null ? 'generations g' : 'generations_fts CROSS JOIN generations g ON g.seq = generations_fts.rowid'
  const match = ftsQuery === null ? '' : 'generations_fts MATCH ? AND '
  return { sql: `SELECT g.id FROM ${from} WHERE ${match}${where.join(' AND ')} ${order} LIMIT ?`, params }
}
