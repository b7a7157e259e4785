import { describe, expect, it } from 'vitest'
import { readGenerateResponse, readStatusResponse, toPriceString } from './schemas'

describe('readGenerateResponse', () => {
  it('reads the documented body', () => {
    expect(readGenerateResponse({ task_uuid: 'abc', status: 'pending', price: '0.0123' })).toEqual({
      task_uuid: 'abc',
      status: 'pending',
      price: '0.0123',
    })
  })

  it('ignores unknown fields and keeps an unknown status', () => {
    expect(readGenerateResponse({ task_uuid: 'abc', status: 'accepted', price: '0.04', model: 'x', eta: 90 })).toEqual({
      task_uuid: 'abc',
      status: 'accepted',
      price: '0.04',
    })
  })

  it('assumes pending when no status is sent, and null price when none', () => {
    expect(readGenerateResponse({ task_uuid: 'abc' })).toEqual({ task_uuid: 'abc', status: 'pending', price: null })
  })

  it.each([{}, { task_uuid: '' }, { task_uuid: 42 }, null, [], 'text'])('rejects %j', (body) => {
    expect(readGenerateResponse(body)).toBeNull()
  })
})

describe('toPriceString', () => {
  it.each([
    ['0.0400', '0.0400'],
    [' 1.5 ', '1.5'],
    [0.04, '0.04'],
    [2, '2'],
    [1e-7, '0.0000001'],
    ['$0.04', null],
    ['0,04', null],
    ['-1', null],
    [-0.5, null],
    [Number.NaN, null],
    [null, null],
    [undefined, null],
    [{}, null],
  ])('%j → %j', (value, expected) => {
    expect(toPriceString(value)).toBe(expected)
  })
})

describe('readStatusResponse', () => {
  it('reads a completed task and ignores extra fields', () => {
    expect(
      readStatusResponse(
        {
          task_uuid: 'u1',
          status: 'completed',
          prompt: 'cat',
          result_image_url: 'https://cdn/x.png',
          message: null,
          model: 'gpt-image-1.5',
        },
        'u1',
      ),
    ).toEqual({
      task_uuid: 'u1',
      status: 'completed',
      prompt: 'cat',
      result_image_url: 'https://cdn/x.png',
      message: null,
    })
  })

  it('keeps an unknown status string as is', () => {
    expect(readStatusResponse({ task_uuid: 'u1', status: 'queued_for_gpu' }, 'u1')?.status).toBe('queued_for_gpu')
  })

  it('fills missing optional fields with null and the uuid with the one asked for', () => {
    expect(readStatusResponse({ status: 'pending' }, 'asked')).toEqual({
      task_uuid: 'asked',
      status: 'pending',
      prompt: null,
      result_image_url: null,
      message: null,
    })
  })

  it('turns a structured message into text rather than dropping it', () => {
    expect(readStatusResponse({ status: 'failed', message: { code: 'X' } }, 'u')?.message).toBe('{"code":"X"}')
  })

  it.each([{}, { status: 3 }, { status: '' }, null, 'completed'])('rejects %j', (body) => {
    expect(readStatusResponse(body, 'u')).toBeNull()
  })
})
