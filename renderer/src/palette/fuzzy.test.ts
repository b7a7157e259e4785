import { describe, expect, it } from 'vitest'
import { fuzzyFilter, fuzzyMatch } from './fuzzy'

describe('fuzzyMatch', () => {
  it('matches a subsequence, ignoring case and accents, and nothing else', () => {
    expect(fuzzyMatch('lib', 'Go to Library')).not.toBeNull()
    expect(fuzzyMatch('gtl', 'Go to Library')).not.toBeNull()
    expect(fuzzyMatch('cafe', 'Style: Café noir')).not.toBeNull()
    expect(fuzzyMatch('yrl', 'Go to Library')).toBeNull()
    expect(fuzzyMatch('libz', 'Go to Library')).toBeNull()
  })

  it('reports where the characters matched, preferring word starts', () => {
    expect(fuzzyMatch('gl', 'Go to Library')?.positions).toEqual([0, 6])
    expect(fuzzyMatch('the', 'Theme: Dark')?.positions).toEqual([0, 1, 2])
  })

  it('scores prefixes and word starts above scattered letters', () => {
    const score = (q: string, t: string) => fuzzyMatch(q, t)?.score ?? -Infinity
    expect(score('dark', 'Theme: Dark')).toBeGreaterThan(score('dark', 'Undo a redirect kit'))
    expect(score('set', 'Open Settings')).toBeGreaterThan(score('set', 'Reset a style'))
    expect(score('st', 'Studio')).toBeGreaterThan(score('st', 'Go to Library: first'))
  })

  it('an empty query matches everything with no score', () => {
    expect(fuzzyMatch('  ', 'anything')).toEqual({ score: 0, positions: [] })
  })
})

describe('fuzzyFilter', () => {
  const labels = ['Go to Studio', 'Go to Library', 'Open Settings', 'Theme: Dark', 'Theme: Light', 'Open Trash']
  it('keeps the matches, best first, in their own order when tied', () => {
    expect(fuzzyFilter('theme', labels, (l) => l)).toEqual(['Theme: Dark', 'Theme: Light'])
    expect(fuzzyFilter('lib', labels, (l) => l)[0]).toBe('Go to Library')
    expect(fuzzyFilter('tr', labels, (l) => l)[0]).toBe('Open Trash')
    expect(fuzzyFilter('', labels, (l) => l)).toEqual(labels)
    expect(fuzzyFilter('zzz', labels, (l) => l)).toEqual([])
  })
})
