/**
 * Search as you type, cancellable: at most one search runs in the worker at a
 * time, and a search still waiting is dropped — answered with SUPERSEDED — as
 * soon as a search for another term arrives. Typing "cathedral" quickly then
 * costs the worker the first letter and the last word, not nine queries. Pages
 * of the same term (scrolling a result) never supersede each other.
 */
import type { Result } from '../../../shared/result'

export const SUPERSEDED: Result<never> = {
  ok: false,
  error: { code: 'SUPERSEDED', message: 'A newer search replaced this one.' },
}

/** The commands that search: a page of matches, or their count. */
const SEARCHING_COMMANDS = new Set<unknown>(['generation.list', 'generation.count'])

/** The search term of a `generation.list` or `generation.count` request, or null when it is not a search. */
export function searchTermOf(name: unknown, input: unknown): string | null {
  if (!SEARCHING_COMMANDS.has(name) || typeof input !== 'object' || input === null) return null
  const search = (input as { search?: unknown }).search
  return typeof search === 'string' && search.trim() !== '' ? search : null
}

interface Waiting {
  term: string
  run: () => Promise<Result<unknown>>
  resolve: (result: Result<unknown>) => void
}

export interface SearchQueue {
  /** Runs `run` when no other search is running; answers SUPERSEDED if a search for another term arrives first. */
  submit(term: string, run: () => Promise<Result<unknown>>): Promise<Result<unknown>>
}

export function createSearchQueue(): SearchQueue {
  let running = false
  let waiting: Waiting[] = []

  const next = (): void => {
    const item = waiting.shift()
    if (!item) return
    running = true
    void item.run().then(
      (result) => {
        running = false
        item.resolve(result)
        next()
      },
      () => {
        running = false
        item.resolve({ ok: false, error: { code: 'INTERNAL', message: 'The search failed.' } })
        next()
      },
    )
  }

  return {
    submit(term, run) {
      return new Promise((resolve) => {
        const stale = waiting.filter((item) => item.term !== term)
        waiting = waiting.filter((item) => item.term === term)
        for (const item of stale) item.resolve(SUPERSEDED)
        waiting.push({ term, run, resolve })
        if (!running) next()
      })
    },
  }
}
