/** The batch list reader: one prompt per line, or CSV with prompt and ratio; refusals name their lines. */
import { describe, expect, it } from 'vitest'
import { batchSizeProblem, MAX_BATCH_TASKS, parseBatch } from './batch'

describe('parseBatch', () => {
  it('reads one prompt per line, skipping empty lines, with the studio ratio', () => {
    const parsed = parseBatch('a red fox\n\n  an owl at night  \r\n\r\na, comma, is fine\n', '4:3')
    expect(parsed).toEqual({
      format: 'lines',
      errors: [],
      items: [
        { line: 1, prompt: 'a red fox', aspectRatio: '4:3' },
        { line: 3, prompt: 'an owl at night', aspectRatio: '4:3' },
        { line: 5, prompt: 'a, comma, is fine', aspectRatio: '4:3' },
      ],
    })
  })

  it('refuses an over-long prompt with its line number and keeps the rest', () => {
    const parsed = parseBatch(`one\n${'x'.repeat(4001)}\nthree`, '1:1')
    expect(parsed.items.map((item) => item.line)).toEqual([1, 3])
    expect(parsed.errors).toEqual([{ line: 2, message: 'Line 2: the prompt is 4001 characters; at most 4000.' }])
    expect(parseBatch('x'.repeat(4000), '1:1').errors).toEqual([])
  })

  it('reads CSV with prompt and ratio columns in any order, quoted prompts spanning lines included', () => {
    const csv = [
      'Ratio,Prompt',
      '3:4,a tall tower',
      '',
      ',"a fox, in the snow"',
      '1:1,"two lines',
      'of prompt"',
      'auto,last one',
    ].join('\n')
    expect(parseBatch(csv, '4:3')).toEqual({
      format: 'csv',
      errors: [],
      items: [
        { line: 2, prompt: 'a tall tower', aspectRatio: '3:4' },
        { line: 4, prompt: 'a fox, in the snow', aspectRatio: '4:3' },
        { line: 5, prompt: 'two lines\nof prompt', aspectRatio: '1:1' },
        { line: 7, prompt: 'last one', aspectRatio: 'auto' },
      ],
    })
  })

  it('refuses unknown ratios, empty prompts and over-long prompts in CSV by line', () => {
    const csv = ['prompt,ratio', 'fine,1:1', 'wide,16:9', ',3:4', `${'y'.repeat(4100)},1:1`, '', 'also fine'].join(
      '\r\n',
    )
    const parsed = parseBatch(csv, '1:1')
    expect(parsed.items).toEqual([
      { line: 2, prompt: 'fine', aspectRatio: '1:1' },
      { line: 7, prompt: 'also fine', aspectRatio: '1:1' },
    ])
    expect(parsed.errors).toEqual([
      { line: 3, message: 'Line 3: “16:9” is not a ratio Atelier knows (auto, 1:1, 4:3, 3:4).' },
      { line: 4, message: 'Line 4: the prompt is empty.' },
      { line: 5, message: 'Line 5: the prompt is 4100 characters; at most 4000.' },
    ])
  })

  it('a CSV header is recognised only by a prompt column', () => {
    expect(parseBatch('\n\nname,prompt\nx,a cat', '1:1')).toMatchObject({
      format: 'csv',
      items: [{ line: 4, prompt: 'a cat' }],
    })
    expect(parseBatch('prompts are nice, really\nsecond', '1:1').format).toBe('lines')
    expect(parseBatch('', '1:1')).toEqual({ format: 'lines', items: [], errors: [] })
  })

  it('says when a batch is too large or empty', () => {
    expect(batchSizeProblem(10, 2)).toBeNull()
    expect(batchSizeProblem(0, 2)).toBe('Add at least one prompt.')
    expect(batchSizeProblem(MAX_BATCH_TASKS, 1)).toBeNull()
    expect(batchSizeProblem(MAX_BATCH_TASKS, 2)).toMatch(/400 tasks; a batch can hold at most 200/)
    expect(batchSizeProblem(3, 5)).toBe('Choose between 1 and 4 variations.')
  })
})
