/**
 * How features say that rows changed. Single rows are coalesced into
 * `generation.updated` (at most a few events a second however busy the engine
 * is); a change to many rows also says `library.changed`, so lists ask again.
 */
import type { EventPayload } from '../../shared/contract'
import type { Generation } from '../../shared/domain'
import type { EventSink } from './ports'

export type LibraryChangeReason = EventPayload<'library.changed'>['reason']

export interface Changes {
  /** These rows changed (coalesced into generation.updated). */
  generations(generations: readonly Generation[]): void
  /** Many rows changed: lists should be asked again. Pending row events go out first. */
  libraryChanged(reason: LibraryChangeReason): void
}

export function createChanges(
  events: EventSink,
  coalescer: { push(generation: Generation): void; flushNow(): void },
): Changes {
  return {
    generations: (generations) => generations.forEach((generation) => coalescer.push(generation)),
    libraryChanged: (reason) => {
      coalescer.flushNow()
      events.emit('library.changed', { reason })
    },
  }
}
