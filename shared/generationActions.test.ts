import { describe, expect, it } from 'vitest'
import { GenerationStatus, isFinalStatus } from './domain'
import {
  DOWNLOAD_FAILURE_CODES,
  generationActions,
  RETRY_LABELS,
  retryCharges,
  retryKind,
  type GenerationFacts,
  type RetryKind,
} from './generationActions'

const IMAGE = {
  path: 'images/a.png',
  thumbPath: 'thumbs/a.webp',
  width: 1024,
  height: 1024,
  bytes: 1,
  sha256: 'a',
  mime: 'image/png',
  missing: false,
}

const facts = (overrides: Partial<GenerationFacts>): GenerationFacts => ({
  status: 'failed',
  error: null,
  remoteUrl: null,
  taskUuid: null,
  image: null,
  deletedAt: null,
  ...overrides,
})

const failed = (code: string, more: Partial<GenerationFacts> = {}) =>
  facts({ status: 'failed', error: { code, message: code, detail: null }, ...more })

describe('retryKind', () => {
  it('fetches a paid result again when only the download failed, and only when its address is known', () => {
    for (const code of DOWNLOAD_FAILURE_CODES) {
      expect(retryKind(failed(code, { remoteUrl: 'https://cdn.example/a.png', taskUuid: 't' }))).toBe('download')
      expect(retryKind(failed(code, { taskUuid: 't' }))).toBe('again')
    }
  })

  it('looks again at a task the provider says it does not know, when there is a task to look at', () => {
    expect(retryKind(failed('TASK_NOT_FOUND', { taskUuid: 't' }))).toBe('poll')
    expect(retryKind(failed('TASK_NOT_FOUND'))).toBe('again')
  })

  it('sends a refused request again, and makes a new generation after the provider ended one or no answer came', () => {
    expect(
      retryKind(facts({ status: 'rejected', error: { code: 'INSUFFICIENT_CREDITS', message: '', detail: null } })),
    ).toBe('resubmit')
    expect(retryKind(failed('MODERATION_FAILED', { taskUuid: 't' }))).toBe('again')
    expect(retryKind(failed('OPENAI_DECLINED', { taskUuid: 't' }))).toBe('again')
    expect(retryKind(facts({ status: 'failed' }))).toBe('again')
    expect(retryKind(facts({ status: 'unknown' }))).toBe('again')
  })

  it('offers nothing while a generation runs, once it is complete, or from the trash', () => {
    for (const status of GenerationStatus.options.filter((s) => !isFinalStatus(s))) {
      expect(retryKind(facts({ status }))).toBeNull()
    }
    expect(retryKind(facts({ status: 'completed', image: IMAGE }))).toBeNull()
    expect(
      retryKind(failed('DOWNLOAD_FAILED', { remoteUrl: 'https://x', deletedAt: '2026-01-01T00:00:00.000Z' })),
    ).toBeNull()
    expect(retryKind(facts({ status: 'rejected', deletedAt: '2026-01-01T00:00:00.000Z' }))).toBeNull()
  })

  it('charges only for a new request, and has words for every kind', () => {
    const kinds: RetryKind[] = ['download', 'poll', 'resubmit', 'again']
    expect(kinds.filter(retryCharges)).toEqual(['resubmit', 'again'])
    expect(Object.keys(RETRY_LABELS).sort()).toEqual([...kinds].sort())
    expect(new Set(Object.values(RETRY_LABELS)).size).toBe(kinds.length)
  })
})

describe('generationActions', () => {
  it('offers file actions only for a whole file on disk', () => {
    expect(generationActions(facts({ status: 'completed', image: IMAGE }))).toMatchObject({
      fileActions: true,
      useAsReference: true,
      remix: true,
      collect: true,
    })
    const missing = generationActions(facts({ status: 'completed', image: { ...IMAGE, missing: true } }))
    expect(missing).toMatchObject({ fileActions: false, useAsReference: false, remix: true })
    expect(generationActions(failed('DOWNLOAD_FAILED'))).toMatchObject({ fileActions: false, useAsReference: false })
  })

  it('moves to the trash only what the core deletes: finished generations not yet in the trash', () => {
    for (const status of GenerationStatus.options) {
      const actions = generationActions(facts({ status }))
      expect(actions.trash, status).toBe(isFinalStatus(status))
      expect(actions.restore, status).toBe(false)
      // Inputs are reused once a generation has ended; a running one is still being made from them.
      expect(actions.remix, status).toBe(isFinalStatus(status))
      expect(actions.favorite, status).toBe(true)
      expect(actions.open && actions.copyPrompt, status).toBe(true)
    }
  })

  it('offers only restore (and looking) in the trash', () => {
    const trashed = generationActions(
      facts({ status: 'completed', image: IMAGE, deletedAt: '2026-01-01T00:00:00.000Z' }),
    )
    expect(trashed).toMatchObject({
      trash: false,
      restore: true,
      favorite: false,
      collect: false,
      retry: null,
      open: true,
    })
    // The file is still on disk until the trash is emptied.
    expect(trashed.fileActions).toBe(true)
  })
})
