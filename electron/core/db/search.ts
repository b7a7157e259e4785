/**
 * User text → a safe FTS5 query for search-as-you-type. Words are cut the way
 * FTS5's unicode61 tokenizer cuts them (letters, digits, marks), each is quoted
 * so no user text can be read as FTS syntax (AND, NEAR, *, ", :, ^, parentheses),
 * and the last word gets a prefix `*` because the user is still typing it
 * (unless the text ends with a space: then the word is finished).
 * Returns null when the text holds no word at all (then there is no filter).
 */
const WORD = /[\p{L}\p{N}\p{M}\p{Co}]+/gu
const MAX_WORDS = 16

export function toFtsQuery(text: string): string | null {
  const words = text.match(WORD)
  if (!words || words.length === 0) return null
  const kept = words.slice(0, MAX_WORDS)
  const typing = !/\s$/u.test(text)
  return kept
    .map((word, index) => {
      const quoted = `"${word.replaceAll('"', '""')}"`
      return typing && index === kept.length - 1 ? `${quoted}*` : quoted
    })
    .join(' ')
}

/** How the library searches: FTS5 when SQLite has it, else a plain scan (see searchIndex.ts). */
export type SearchMode = 'full' | 'basic'

/** A search ready for SQL: an FTS5 MATCH string, or the words a plain scan must find. */
export type SearchQuery = { mode: 'full'; match: string } | { mode: 'basic'; terms: string[] }

/**
 * User text → the search to run in this mode; null when the text holds no word.
 * Basic mode cuts words exactly as the FTS path does; each must occur in the prompt
 * (case-insensitive for ASCII, as SQLite's lower() is), which includes every word the
 * FTS prefix query matches — a plain scan cannot tell word starts from word middles cheaply.
 */
export function toSearchQuery(text: string, mode: SearchMode): SearchQuery | null {
  if (mode === 'full') {
    const match = toFtsQuery(text)
    return match === null ? null : { mode, match }
  }
  const words = text.match(WORD)
  if (!words || words.length === 0) return null
  return { mode, terms: [...new Set(words.slice(0, MAX_WORDS))] }
}
