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

/** How the library searches: FTS5 when SQLite has it, else a scan with the same rules (see searchIndex.ts). */
export type SearchMode = 'full' | 'basic'

/**
 * A search ready for SQL: an FTS5 MATCH string, or (basic mode) the argument of
 * `atelier_prompt_matches(prompt, ?)`: the folded words as JSON, the last one a prefix while typing.
 */
export type SearchQuery = { mode: 'full'; match: string } | { mode: 'basic'; words: string }

/** The SQL function basic mode registers on the connection. */
export const PROMPT_MATCHES_FUNCTION = 'atelier_prompt_matches'

/** A word as FTS5's unicode61 tokenizer with remove_diacritics 2 compares it: no marks, lower case. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()
}

interface BasicWords {
  whole: string[]
  prefix: string | null
}

/**
 * User text → the search to run in this mode; null when the text holds no word.
 * Basic mode cuts and folds words exactly as the FTS path does, so both modes find
 * the same rows: every finished word must be a word of the prompt, the word being
 * typed the start of one.
 */
export function toSearchQuery(text: string, mode: SearchMode): SearchQuery | null {
  if (mode === 'full') {
    const match = toFtsQuery(text)
    return match === null ? null : { mode, match }
  }
  const words = text.match(WORD)
  if (!words || words.length === 0) return null
  const kept = words.slice(0, MAX_WORDS).map(fold)
  const typing = !/\s$/u.test(text)
  const basic: BasicWords = typing ? { whole: kept.slice(0, -1), prefix: kept.at(-1) ?? null } : { whole: kept, prefix: null }
  return { mode, words: JSON.stringify(basic) }
}

let lastWords: { key: string; words: BasicWords } | null = null

/** `atelier_prompt_matches(prompt, words)`: true when the prompt holds every word (basic mode's row test). */
export function promptMatches(prompt: string, wordsJson: string): boolean {
  if (lastWords?.key !== wordsJson) lastWords = { key: wordsJson, words: JSON.parse(wordsJson) as BasicWords }
  const { whole, prefix } = lastWords.words
  const tokens = new Set((prompt.match(WORD) ?? []).map(fold))
  for (const word of whole) if (!tokens.has(word)) return false
  if (prefix === null) return true
  for (const token of tokens) if (token.startsWith(prefix)) return true
  return false
}
