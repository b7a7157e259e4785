/**
 * System notifications for finished tasks, batched: twenty images finishing
 * within a moment make one "20 images are ready", not twenty pop-ups.
 */
import type { Generation } from '../../../shared/domain'
import type { Notifier } from '../ports'
import type { Timer } from './types'

export interface Notices {
  completed(generation: Generation): void
  failed(generation: Generation): void
  flush(): void
  dispose(): void
}

function excerpt(prompt: string): string {
  const line = prompt.replace(/\s+/g, ' ').trim()
  return line.length > 80 ? `${line.slice(0, 79)}…` : line
}

export function createNotices(notifier: Notifier, timer: Timer, windowMs: number): Notices {
  let completed: Generation[] = []
  let failed: Generation[] = []
  let handle: unknown = null

  function flush(): void {
    if (handle !== null) timer.clearTimeout(handle)
    handle = null
    const done = completed
    const bad = failed
    completed = []
    failed = []
    const lastDone = done[done.length - 1]
    if (lastDone) {
      notifier.notify(done.length === 1 ? 'Image ready' : `${done.length} images are ready`, excerpt(lastDone.prompt), {
        generationId: lastDone.id,
      })
    }
    const firstBad = bad[0]
    if (firstBad) {
      const reason = firstBad.error?.message ?? 'The generation did not finish.'
      notifier.notify(bad.length === 1 ? 'Generation failed' : `${bad.length} generations failed`, reason, {
        generationId: firstBad.id,
      })
    }
  }

  function later(): void {
    if (handle === null) handle = timer.setTimeout(flush, windowMs)
  }

  return {
    completed(generation) {
      completed.push(generation)
      later()
    },
    failed(generation) {
      failed.push(generation)
      later()
    },
    flush,
    dispose() {
      if (handle !== null) timer.clearTimeout(handle)
      handle = null
      completed = []
      failed = []
    },
  }
}
