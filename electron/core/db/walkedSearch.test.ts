/**
 * The walked plan tests prompts with the word rule (search.ts) instead of asking
 * the full-text index, so the two must agree on every prompt: here both judge the
 * same tricky prompts — case, diacritics, other scripts, digits, punctuation,
 * combining marks — for every query typed letter by letter.
 */
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { promptMatcher, toFtsBoundQuery, toFtsQuery, toSearchQuery } from './search'

const PROMPTS = [
  'A red Fox at dawn',
  'fox-hound, FOXGLOVE and foxes',
  'Café au lait on the corner',
  'cafe latte art',
  'naïve résumé of Ångström',
  'e\u0301te\u0301 (decomposed accents)',
  '日本 の 庭園 garden',
  'robot #42 in 3D, v2.0',
  "don't stop: lighthouse keeper's log",
  'ÉCOLE Straße MASSE',
  'emoji 🦊 fox 🦊',
  'mountainside mountains Mountain',
  '',
]

const QUERIES = [
  'f',
  'fo',
  'fox',
  'foxg',
  'foxes',
  'fox ',
  'red fo',
  'red fox ',
  'ca',
  'caf',
  'cafe',
  'café',
  'caf\u00e9 au',
  'naive',
  'resu',
  'ångs',
  'angstrom',
  'ete',
  'été',
  '日',
  '日本',
  '庭',
  'garden 日',
  '4',
  '42',
  '3d',
  'v2',
  'don',
  'don t',
  'lighthouse keep',
  'ecole',
  'strasse',
  'straße',
  'STRA',
  'masse',
  'mountain',
  'mountains ',
  'moun',
  'zzz',
]

function ftsMatches(db: DatabaseSync, query: string): string[] {
  const match = toFtsQuery(query)
  if (match === null) return []
  const rows = db.prepare('SELECT rowid FROM prompts WHERE prompts MATCH ? ORDER BY rowid').all(match) as Array<{
    rowid: number
  }>
  return rows.map((row) => PROMPTS[row.rowid - 1]!)
}

describe("the walked plan's word rule", () => {
  const db = new DatabaseSync(':memory:')
  db.exec(
    "CREATE VIRTUAL TABLE prompts USING fts5(prompt, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')",
  )
  PROMPTS.forEach((prompt, i) => db.prepare('INSERT INTO prompts(rowid, prompt) VALUES (?, ?)').run(i + 1, prompt))

  it.each(QUERIES)('finds exactly the prompts the full-text index finds: %j', (query) => {
    const search = toSearchQuery(query, 'basic')
    const matches = search?.mode === 'basic' ? promptMatcher(search.words) : () => false
    expect(PROMPTS.filter((prompt) => matches(prompt))).toEqual(ftsMatches(db, query))
  })

  it("counts on the indexed prefix: a query whose matches include the search's", () => {
    expect(toFtsBoundQuery('mountainside')).toBe('"mou"*')
    expect(toFtsBoundQuery('red mountain')).toBe('"red" "mou"*')
    expect(toFtsBoundQuery('ca')).toBe('"ca"*')
    // A finished word is matched whole, so nothing is cut.
    expect(toFtsBoundQuery('mountain ')).toBe('"mountain"')
    expect(toFtsBoundQuery('日本庭園')).toBe('"日本庭"*')
    for (const query of QUERIES) {
      const bound = toFtsBoundQuery(query)
      if (bound === null) continue
      const wider = (
        db.prepare('SELECT rowid FROM prompts WHERE prompts MATCH ?').all(bound) as Array<{ rowid: number }>
      ).map((row) => PROMPTS[row.rowid - 1]!)
      for (const prompt of ftsMatches(db, query)) expect(wider, query).toContain(prompt)
    }
  })
})
