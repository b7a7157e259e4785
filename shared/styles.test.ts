import { describe, expect, it } from 'vitest'
import { PROMPT_MAX_LENGTH } from './domain'
import { composePrompt, promptOverBy, promptTooLongMessage, resolveStyles, styleMode } from './styles'

const style = (text: string) => ({ text })

describe('composePrompt', () => {
  it('gives the prompt itself (trimmed) when no style is applied', () => {
    expect(composePrompt('  a red fox \n', [])).toBe('a red fox')
  })

  it('appends a style after a comma, or after a space when the prompt already ends a clause', () => {
    expect(composePrompt('a red fox', [style('35mm film, grain')])).toBe('a red fox, 35mm film, grain')
    expect(composePrompt('a red fox.', [style('Soft light.')])).toBe('a red fox. Soft light.')
    expect(composePrompt('', [style('watercolour')])).toBe('watercolour')
  })

  it('wraps the prompt where {prompt} stands, every time it stands there', () => {
    expect(composePrompt('a red fox', [style('A children’s book page: {prompt}, gentle colours')])).toBe(
      'A children’s book page: a red fox, gentle colours',
    )
    expect(composePrompt('owl', [style('{prompt} and another {prompt}')])).toBe('owl and another owl')
  })

  it('applies styles in order: the order changes the result', () => {
    const wrap = style('Poster of {prompt}')
    const append = style('high contrast')
    expect(composePrompt('a fox', [wrap, append])).toBe('Poster of a fox, high contrast')
    expect(composePrompt('a fox', [append, wrap])).toBe('Poster of a fox, high contrast')
    expect(composePrompt('a fox', [style('in fog'), style('Poster: {prompt}')])).toBe('Poster: a fox, in fog')
    expect(composePrompt('a fox', [style('{prompt}!'), append])).toBe('a fox! high contrast')
    expect(composePrompt('a fox', [append, style('{prompt}!')])).toBe('a fox, high contrast!')
  })

  it('tells append from wrap by the placeholder alone', () => {
    expect(styleMode('cinematic')).toBe('append')
    expect(styleMode('cinematic {prompt}')).toBe('wrap')
    expect(styleMode('{Prompt}')).toBe('append')
  })

  it('measures the final prompt against the limit, in the studio’s words', () => {
    const prompt = 'x'.repeat(PROMPT_MAX_LENGTH - 5)
    expect(promptOverBy(composePrompt(prompt, []))).toBe(0)
    // ", " plus ten characters: seven over.
    expect(promptOverBy(composePrompt(prompt, [style('0123456789')]))).toBe(7)
    expect(promptTooLongMessage(7)).toBe(`The prompt is 7 characters over the ${PROMPT_MAX_LENGTH} limit.`)
    expect(promptTooLongMessage(1)).toBe(`The prompt is 1 character over the ${PROMPT_MAX_LENGTH} limit.`)
  })
})

describe('resolveStyles', () => {
  it('keeps the order of the ids and drops the ones that no longer exist', () => {
    const styles = [
      { id: 'a', text: 'A' },
      { id: 'b', text: 'B' },
    ]
    expect(resolveStyles(['b', 'gone', 'a'], styles).map((s) => s.id)).toEqual(['b', 'a'])
  })
})
