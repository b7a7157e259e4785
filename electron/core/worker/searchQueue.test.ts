import { describe, expect, it } from 'vitest'
import type { Result } from '../../../shared/result'
import { createSearchQueue, searchTermOf, SUPERSEDED } from './searchQueue'

/** A search the test finishes by hand, recording that it ran. */
function controllable(ran: string[], term: string) {
  let finish: (result: Result<unknown>) => void = () => {}
  const run = () => {
    ran.push(term)
    return new Promise<Result<unknown>>((resolve) => (finish = resolve))
  }
  return { run, finish: () => finish({ ok: true, data: term }) }
}

describe('search queue', () => {
  it('runs one search at a time; a waiting search is superseded by one for another term, never started', async () => {
    const queue = createSearchQueue()
    const ran: string[] = []
    const c = controllable(ran, 'c')
    const ca = controllable(ran, 'ca')
    const cat = controllable(ran, 'cat')
    const first = queue.submit('c', c.run)
    const second = queue.submit('ca', ca.run)
    const third = queue.submit('cat', cat.run)
    expect(await second).toEqual(SUPERSEDED)
    expect(ran).toEqual(['c'])
    c.finish()
    expect(await first).toEqual({ ok: true, data: 'c' })
    await Promise.resolve()
    expect(ran).toEqual(['c', 'cat'])
    cat.finish()
    expect(await third).toEqual({ ok: true, data: 'cat' })
  })

  it('keeps every page of the same term (scrolling a result is not superseded)', async () => {
    const queue = createSearchQueue()
    const ran: string[] = []
    const a = controllable(ran, 'cat')
    const b = controllable(ran, 'cat')
    const c = controllable(ran, 'cat')
    const answers = [queue.submit('cat', a.run), queue.submit('cat', b.run), queue.submit('cat', c.run)]
    a.finish()
    await answers[0]
    b.finish()
    await answers[1]
    c.finish()
    expect(await Promise.all(answers)).toEqual([0, 1, 2].map(() => ({ ok: true, data: 'cat' })))
  })

  it('treats only generation.list and generation.count with a search term as a search', () => {
    expect(searchTermOf('generation.list', { search: 'ca', limit: 60 })).toBe('ca')
    // The count of a term is asked beside its first page: a newer term supersedes it too.
    expect(searchTermOf('generation.count', { search: 'ca' })).toBe('ca')
    expect(searchTermOf('generation.count', { favoritesOnly: true })).toBeNull()
    expect(searchTermOf('generation.list', { search: '  ', limit: 60 })).toBeNull()
    expect(searchTermOf('generation.list', { statuses: ['queued'] })).toBeNull()
    expect(searchTermOf('library.ids', { search: 'ca' })).toBeNull()
    expect(searchTermOf('generation.list', null)).toBeNull()
  })
})
