import { describe, expect, it } from 'vitest'
import { AtelierError } from '../../../shared/result'
import { describeError, describeErrorInfo, TOP_UP_URL } from './errors'

describe('describeError', () => {
  it('maps known codes to an action', () => {
    const credits = describeError(new AtelierError({ code: 'INSUFFICIENT_CREDITS', message: 'Not enough credits.' }))
    expect(credits.message).toBe('Not enough credits.')
    expect(credits.action).toEqual({ kind: 'top-up', label: 'Top up at runblob', href: TOP_UP_URL })

    const unauthorized = describeError(new AtelierError({ code: 'UNAUTHORIZED', message: 'The key was refused.' }))
    expect(unauthorized.action.kind).toBe('open-settings')
  })

  it('says the safety filter declined a moderated prompt', () => {
    const view = describeErrorInfo({ code: 'MODERATION_FAILED', message: 'MODERATION_FAILED' })
    expect(view.message).toMatch(/^The provider's safety filter declined this prompt/)
  })

  it('gives the retry time for maintenance', () => {
    const view = describeError(
      new AtelierError({ code: 'MAINTENANCE', message: 'Maintenance.', data: { retryAt: '2026-01-01T12:03:00.000Z' } }),
    )
    expect(view.message).toMatch(/^runblob is under maintenance — retrying at /)
  })

  it('shows reference and unknown messages as they are', () => {
    expect(describeErrorInfo({ code: 'REFERENCE_NOT_IMAGE', message: 'notes.txt is not an image.' }).message).toBe(
      'notes.txt is not an image.',
    )
    expect(describeErrorInfo({ code: 'SOMETHING_NEW', message: '' }).message).toBe(
      'Something went wrong (SOMETHING_NEW).',
    )
    expect(describeError('boom').code).toBe('INTERNAL')
  })
})
