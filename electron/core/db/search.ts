import { INDEXED_PREFIX_CHARS } from './searchIndex'

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
  return ftsQuery(text, Infinity)
}

/**
 * A query that matches every row `toFtsQuery(text)` matches, and that the index answers from its
 * own prefix lists: the word being typed is cut to the longest prefix the index keeps. Counting
 * its first matches is cheap however broad it is, where a longer prefix ("mountain"*) is first
 * merged from the lists of every word it could start. Null when there is no word.
 */
export function toFtsBoundQuery(text: string): string | null {
  return ftsQuery(text, INDEXED_PREFIX_CHARS)
}

function ftsQuery(text: string, prefixChars: number): string | null {
  const words = text.match(WORD)
  if (!words || words.length === 0) return null
  const kept = words.slice(0, MAX_WORDS)
  const typing = !/\s$/u.test(text)
  return kept
    .map((word, index) => {
      const last = typing && index === kept.length - 1
      const cut = last ? [...word].slice(0, prefixChars).join('') : word
      const quoted = `"${cut.replaceAll('"', '""')}"`
      return last ? `${quoted}*` : quoted
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
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
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
  const basic: BasicWords = typing
    ? { whole: kept.slice(0, -1), prefix: kept.at(-1) ?? null }
    : { whole: kept, prefix: null }
  return { mode, words: JSON.stringify(basic) }
}

const isAscii = (text: string): boolean => !/[^\p{ASCII}]/u.test(text)

/** A prompt's words as the tokenizer folds them. ASCII prompts (most) skip Unicode normalisation: there only A–Z, a–z and 0–9 are word characters. */
function foldedTokens(prompt: string, ascii: boolean): string[] {
  if (ascii) return prompt.toLowerCase().match(/[a-z0-9]+/g) ?? []
  return (prompt.match(WORD) ?? []).map(fold)
}

const allWords = ({ whole, prefix }: BasicWords): string[] => (prefix === null ? whole : [...whole, prefix])

/** Every folded word of a search (the `words` of a basic SearchQuery), the one being typed included. */
export function searchWords(wordsJson: string): string[] {
  return allWords(JSON.parse(wordsJson) as BasicWords)
}

/** The row test for a search's words (the `words` of a basic SearchQuery): every whole word present, the typed prefix starting one. */
export function promptMatcher(wordsJson: string): (prompt: string) => boolean {
  const words = JSON.parse(wordsJson) as BasicWords
  const { whole, prefix } = words
  const needles = allWords(words)
  return (prompt) => {
    const ascii = isAscii(prompt)
    // An ASCII prompt that does not even contain every word as text cannot match: most rows stop here.
    if (ascii) {
      const lower = prompt.toLowerCase()
      if (!needles.every((needle) => lower.includes(needle))) return false
    }
    const tokens = foldedTokens(prompt, ascii)
    for (const word of whole) if (!tokens.includes(word)) return false
    return prefix === null || tokens.some((token) => token.startsWith(prefix))
  }
}

let lastMatcher: { key: string; matches: (prompt: string) => boolean } | null = null

/** `atelier_prompt_matches(prompt, words)`: true when the prompt holds every word (basic mode's row test). */
export function promptMatches(prompt: string, wordsJson: string): boolean {
  if (lastMatcher?.key !== wordsJson) lastMatcher = { key: wordsJson, matches: promptMatcher(wordsJson) }
  return lastMatcher.matches(prompt)
}
