/**
 * A small fuzzy scorer for the command palette: every character of the query
 * must appear in the text in order (a subsequence, ignoring case and accents);
 * the score rewards matches at the start of the text and of words, and runs of
 * consecutive characters, and lightly prefers shorter texts. Null: no match.
 */

export interface FuzzyMatch {
  score: number
  /** Indices in the text of the matched characters (for highlighting). */
  positions: number[]
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

const isWordStart = (text: string, index: number) => index === 0 || /[\s\-_/.:,(]/.test(text[index - 1] ?? '')

export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const q = fold(query).replace(/\s+/g, '')
  if (q === '') return { score: 0, positions: [] }
  // Positions are in the folded text: the same as in the text for precomposed accents (é → e).
  const t = fold(text)
  const positions: number[] = []
  let score = 0
  let from = 0
  let previous = -2
  for (const char of q) {
    // Prefer the next occurrence that starts a word, if it comes before the run would break anyway.
    let index = t.indexOf(char, from)
    if (index === -1) return null
    if (index !== previous + 1) {
      for (let i = index; i !== -1; i = t.indexOf(char, i + 1)) {
        if (isWordStart(t, i)) {
          index = i
          break
        }
      }
    }
    let gain = 1
    if (index === 0) gain += 8
    else if (isWordStart(t, index)) gain += 6
    if (index === previous + 1) gain += 5
    score += gain
    positions.push(index)
    previous = index
    from = index + 1
  }
  // A shorter text with the same matches is the better answer.
  score -= t.length * 0.01
  return { score, positions }
}

/** The items that match, best first (stable for equal scores). */
export function fuzzyFilter<T>(query: string, items: readonly T[], text: (item: T) => string): T[] {
  if (query.trim() === '') return [...items]
  return items
    .map((item, order) => ({ item, order, match: fuzzyMatch(query, text(item)) }))
    .filter((entry): entry is { item: T; order: number; match: FuzzyMatch } => entry.match !== null)
    .sort((a, b) => b.match.score - a.match.score || a.order - b.order)
    .map((entry) => entry.item)
}
