/**
 * The generation.* and engine.* commands: the task engine (submit → poll →
 * download), the spend guard in front of everything that costs money, and the
 * read side of the ledger (list, get, estimates, spend).
 */
import { randomUUID } from 'node:crypto'
import type { AspectRatio, Generation, ReferenceInfo } from '../../../shared/domain'
import { composePrompt, promptOverBy, promptTooLongMessage, type Style } from '../../../shared/styles'
import { retryCharges, retryKind } from '../../../shared/generationActions'
import type { Changes } from '../changes'
import type { Library } from '../db'
import { requireGeneration, UserFacingError } from '../ipc/errors'
import type { Feature } from '../ipc/router'
import type { Clock, EventSink, Logger, Notifier } from '../ports'
import type { RunblobClient } from '../runblob/types'
import type { SettingsService } from '../settings'
import { computeEstimates, createSpendGuard } from './spend'
import { createTaskEngine } from './TaskEngine'
import type { EngineTuning, LedgerStore } from './types'

export type GenerationCommand =
  | 'generation.create'
  | 'generation.createBatch'
  | 'generation.cancelBatch'
  | 'generation.retryBatch'
  | 'generation.list'
  | 'generation.count'
  | 'generation.get'
  | 'generation.retry'
  | 'generation.setFavorite'
  | 'generation.quote'
  | 'generation.estimates'
  | 'engine.state'
  | 'spend.summary'

/** Finished tasks the time estimates learn from. */
const ESTIMATE_SAMPLES = 200

/** The engine's ledger plus the read side the commands answer from. */
export type GenerationStore = LedgerStore &
  Pick<
    Library,
    'listGenerations' | 'countGenerations' | 'getReference' | 'spendSummary' | 'recentDurations' | 'listBatch'
  >

/** What generation.create needs besides the ledger: the styles it applies, the history it feeds. */
export interface PromptDeps {
  /** These styles, in this order; throws STYLE_NOT_FOUND for one that is gone. */
  styles(ids: readonly string[]): Style[]
  /** A prompt was sent (the final one): into the prompt history. */
  record(prompt: string, aspectRatio: AspectRatio): void
}

export interface GenerationDeps {
  library: GenerationStore
  prompts: PromptDeps
  /** null while there is no client (no key): work waits, visibly. */
  client: () => RunblobClient | null
  /** False in Demo mode: nothing is charged there, so no spending limit applies. */
  limitsApply: () => boolean
  settings: Pick<SettingsService, 'get'>
  referencePayload: (reference: ReferenceInfo) => Promise<string>
  clock: Clock
  logger: Logger
  notifier: Notifier
  events: EventSink
  changes: Changes
  tuning?: Partial<EngineTuning> | undefined
  /** Written into every result's recipe. */
  appVersion: string
}

export interface GenerationFeature extends Feature<GenerationCommand> {
  start(): void
  stop(): Promise<void>
  /** The key, mode or base URL changed: the engine looks again now. */
  credentialsChanged(): void
}

export function createGenerationFeature(deps: GenerationDeps): GenerationFeature {
  const { library, settings, clock, changes } = deps
  const now = () => new Date(clock.now())
  const emit = (generation: Generation) => changes.generations([generation])

  const engine = createTaskEngine({
    library,
    getClient: deps.client,
    clock,
    logger: deps.logger,
    notifier: {
      notify: (title, body, options) => {
        if (settings.get().notifications) deps.notifier.notify(title, body, options)
      },
    },
    onGenerationChanged: emit,
    onStateChanged: (state) => deps.events.emit('engine.stateChanged', state),
    referencePayload: deps.referencePayload,
    appVersion: deps.appVersion,
    ...(deps.tuning ? { tuning: deps.tuning } : {}),
  })

  const spend = createSpendGuard({
    recentGenerations: (limit) => library.listGenerations({ limit }).items,
    spendSummary: (at) => library.spendSummary(at),
    settings: () => settings.get(),
    limitsApply: deps.limitsApply,
    clock,
  })

  const referencesOf = (ids: readonly string[]) =>
    ids.map((id) => {
      const reference = library.getReference(id)
      if (!reference)
        throw new UserFacingError('REFERENCE_MISSING', 'A reference image is no longer available; add it again.')
      return reference
    })
  // The rows are written by now; a history that cannot be written must not fail the generation.
  const remember = (prompt: string, aspectRatio: AspectRatio) => {
    try {
      deps.prompts.record(prompt, aspectRatio)
    } catch (error) {
      deps.logger.warn({ err: error }, 'prompt history: not recorded')
    }
  }

  return {
    start: () => engine.start(),
    stop: () => engine.stop(),
    credentialsChanged: () => engine.credentialsChanged(),
    handlers: {
      'generation.create': async (input) => {
        // The final prompt is composed here, by the same function the studio previews with.
        const prompt = composePrompt(input.prompt, deps.prompts.styles(input.styleIds))
        const over = promptOverBy(prompt)
        if (over > 0) throw new UserFacingError('PROMPT_TOO_LONG', promptTooLongMessage(over), { over })
        spend.check(input.variations, input.confirmOverLimit)
        const references = referencesOf(input.referenceIds)
        const generations = engine.create({
          prompt,
          aspectRatio: input.aspectRatio,
          references,
          variations: input.variations,
          callbackUrl: input.callbackUrl,
        })
        remember(prompt, input.aspectRatio)
        return { generations }
      },
      'generation.createBatch': async (input) => {
        spend.check(input.items.length * input.variations, input.confirmOverLimit)
        const references = referencesOf(input.referenceIds)
        const batchId = randomUUID()
        const generations = engine.createBatch(
          input.items.map((item) => ({
            prompt: item.prompt,
            aspectRatio: item.aspectRatio,
            references,
            variations: input.variations,
            callbackUrl: input.callbackUrl,
          })),
          batchId,
        )
        return { batchId, generations }
      },
      'generation.cancelBatch': async ({ batchId }) => {
        const members = library.listBatch(batchId)
        if (members.length === 0) throw new UserFacingError('NOT_FOUND', 'That batch is no longer in the library.')
        const removed = engine.discardQueued(members.filter((g) => g.status === 'queued').map((g) => g.id))
        if (removed.length > 0) changes.libraryChanged('batch')
        return { removed, kept: members.length - removed.length }
      },
      'generation.retryBatch': async ({ batchId, confirmOverLimit }) => {
        const members = library.listBatch(batchId).filter((g) => !g.deletedAt)
        const retryable = members.flatMap((g) => {
          const kind = retryKind(g)
          return kind === null ? [] : [{ generation: g, kind }]
        })
        const charged = retryable.filter(({ kind }) => retryCharges(kind)).length
        if (charged > 0) spend.check(charged, confirmOverLimit)
        const retried = retryable.map(({ generation, kind }) => {
          if (kind !== 'again') return engine.retry(generation.id)
          const [again] = engine.createBatch(
            [
              {
                prompt: generation.prompt,
                aspectRatio: generation.aspectRatio,
                references: generation.references,
                variations: 1,
                callbackUrl: generation.callbackUrl,
              },
            ],
            batchId,
          )
          return again!
        })
        return { retried }
      },
      'generation.list': async (query) => library.listGenerations(query),
      'generation.count': async (filter) => ({ total: library.countGenerations(filter) }),
      'generation.get': async ({ id }) => requireGeneration(library, id),
      'generation.retry': async ({ id, confirmOverLimit }) => {
        const row = requireGeneration(library, id)
        const kind = retryKind(row)
        if (kind !== null && retryCharges(kind)) spend.check(1, confirmOverLimit)
        if (kind !== 'again') return engine.retry(id)
        const [again] = engine.create({
          prompt: row.prompt,
          aspectRatio: row.aspectRatio,
          references: row.references,
          variations: 1,
          callbackUrl: row.callbackUrl,
        })
        remember(row.prompt, row.aspectRatio)
        return again!
      },
      'generation.setFavorite': async ({ id, favorite }) => {
        requireGeneration(library, id)
        const updated = library.updateGeneration(id, { favorite })
        emit(updated)
        return updated
      },
      'generation.quote': async ({ variations }) => spend.quote(variations),
      'generation.estimates': async () => computeEstimates(library.recentDurations(ESTIMATE_SAMPLES)),
      'engine.state': async () => engine.state(),
      'spend.summary': async () => library.spendSummary(now()),
    },
  }
}
