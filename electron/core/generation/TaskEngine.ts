/**
 * The task engine: every generation is a ledger row before anything leaves the
 * machine, and every step (submit, poll, download) is written as it happens, so
 * a crash at any point resumes without losing or double-paying a task. See
 * docs/task-engine.md.
 */
import { randomUUID } from 'node:crypto'
import { MAX_VARIATIONS, type EngineState, type Generation } from '../../../shared/domain'
import { retryKind, type RetryKind } from '../../../shared/generationActions'
import { cleanTemporaryFiles } from '../downloads'
import { UserFacingError } from '../ipc/errors'
import type { GenerationPatch, NewGeneration } from '../db'
import { computeBackoff } from './backoff'
import type { StepContext } from './context'
import { resumeAction } from './decisions'
import { runDownload } from './downloadStep'
import { createGate } from './gate'
import { createLedger } from './ledger'
import { interruptedSubmit } from './messages'
import { createNotices } from './notices'
import { createDurationLearner } from './pollPlan'
import { runPoll } from './pollStep'
import { createScheduler, type Job } from './scheduler'
import { runSubmit } from './submitStep'
import { DEFAULT_TUNING, systemTimer, type TaskEngine, type TaskEngineOptions } from './types'

interface Controllers {
  api: AbortController
  submit: AbortController
  download: AbortController
}

const freshControllers = (): Controllers => ({
  api: new AbortController(),
  submit: new AbortController(),
  download: new AbortController(),
})

/** Why a generation is not retried here: `again` retries are new generations (the generation.retry handler makes them). */
const NOT_RETRYABLE: Partial<Record<Generation['status'], string>> = {
  unknown:
    'This request may already have been charged, so Atelier will not send it again by itself. Create a new generation to try again.',
  completed: 'This image is already in the library.',
  failed: 'The provider ended this generation; create a new one (perhaps with a changed prompt).',
}

/**
 * Where each retry the engine makes starts again. A TASK_NOT_FOUND task is polled
 * again because the API address or key may have changed back: the paid task is
 * worth another look. A rejected request never created a task, so it starts clean.
 */
const RESTARTS = {
  download: { lane: 'download', patch: { status: 'downloading' } },
  poll: { lane: 'poll', patch: { status: 'pending' } },
  resubmit: { lane: 'submit', patch: { status: 'queued', submittedAt: null, taskUuid: null, price: null } },
} as const satisfies Record<Exclude<RetryKind, 'again'>, { lane: Job['lane']; patch: GenerationPatch }>

export function createTaskEngine(options: TaskEngineOptions): TaskEngine {
  const tuning = { ...DEFAULT_TUNING, ...options.tuning }
  const timer = options.timer ?? systemTimer
  const random = options.random ?? Math.random
  const logger = options.logger
  const library = options.library
  const now = (): number => options.clock.now()

  let started = false
  let stopping = false
  let controllers = freshControllers()
  let cleanup: Promise<void> = Promise.resolve()
  let resumeHandle: unknown = null
  let resumeFailures = 0

  function safely<A extends unknown[]>(name: string, fn: (...args: A) => void): (...args: A) => void {
    return (...args) => {
      try {
        fn(...args)
      } catch (error) {
        logger.error({ err: error }, `${name} listener threw`)
      }
    }
  }
  const emitGeneration = safely('onGenerationChanged', options.onGenerationChanged)

  const gate = createGate({
    tuning,
    timer,
    now,
    random,
    onChange: safely('onStateChanged', (state: EngineState) => {
      logger.info({ state: state.state, reason: state.reason, retryAt: state.retryAt }, 'engine state')
      options.onStateChanged(state)
    }),
    onReopen: () => queueMicrotask(() => scheduler.pump()),
  })
  const ledger = createLedger({ library, gate, logger, tuning, timer, now, random, emit: emitGeneration })
  const notices = createNotices(options.notifier, timer, tuning.notifyBatchMs)

  function hasClient(): boolean {
    const present = options.getClient() !== null
    if (present && gate.has('no_key')) gate.clear('no_key')
    if (!present && !gate.has('no_key')) gate.set('no_key', null)
    return present
  }

  const scheduler = createScheduler({
    limits: {
      submit: tuning.maxConcurrentSubmits,
      poll: tuning.maxConcurrentPolls,
      download: tuning.maxConcurrentDownloads,
    },
    canStart: (lane, apiRunning) => {
      if (!started || stopping) return false
      if (lane !== 'download' && !hasClient()) return false
      return gate.canStart(lane, apiRunning)
    },
    run: (job) => runStep(job),
    timer,
    now,
    logger,
  })

  const ctx: StepContext = {
    library,
    ledger,
    gate,
    scheduler,
    notices,
    tuning,
    durations: createDurationLearner(() => library.recentDurations(tuning.durationSamples).map((d) => d.ms), tuning, now),
    logger,
    now,
    random,
    backoff: (attempt) =>
      Math.max(
        Math.ceil(tuning.backoffBaseMs / 10),
        computeBackoff(attempt, tuning.backoffBaseMs, tuning.backoffCapMs, random),
      ),
    iso: (ms) => new Date(ms).toISOString(),
    getClient: options.getClient,
    referencePayload: options.referencePayload,
    fetch: options.fetch ?? globalThis.fetch,
    phase: (phase, id) => {
      try {
        options.onPhase?.(phase, id)
      } catch (error) {
        logger.warn({ err: error, phase }, 'onPhase hook threw')
      }
    },
    signals: () => ({
      api: controllers.api.signal,
      submit: controllers.submit.signal,
      download: controllers.download.signal,
    }),
    stopping: () => stopping,
    ready: () => cleanup,
  }

  function runStep(job: Job): Promise<void> {
    switch (job.lane) {
      case 'submit':
        return runSubmit(ctx, job)
      case 'poll':
        return runPoll(ctx, job)
      case 'download':
        return runDownload(ctx, job)
    }
  }

  function resumeUnfinished(): void {
    resumeHandle = null
    let entries
    try {
      entries = library.listUnfinished()
    } catch (error) {
      resumeFailures += 1
      const at = now() + ctx.backoff(resumeFailures)
      logger.error({ err: error }, 'could not read unfinished tasks; trying again')
      resumeHandle = timer.setTimeout(resumeUnfinished, at - now())
      return
    }
    resumeFailures = 0
    const at = now()
    const counts: Record<string, number> = {}
    for (const entry of entries) {
      const row = entry.generation
      if (scheduler.get(row.id)) continue
      const action = resumeAction(row.status, entry.nextCheckAt, at, tuning)
      counts[action.kind] = (counts[action.kind] ?? 0) + 1
      switch (action.kind) {
        case 'mark_unknown':
          // The app died during the POST: it may have been charged. Never re-POST.
          logger.warn({ id: row.id }, 'found a POST interrupted by a shutdown; marked unknown')
          ledger.record(row, { status: 'unknown', error: interruptedSubmit, finishedAt: ctx.iso(at), retry: null })
          break
        case 'submit':
        case 'poll':
          scheduler.schedule(row.id, action.kind, action.dueAt, { attempts: entry.attempts })
          break
        case 'download':
          scheduler.schedule(row.id, 'download', action.dueAt, { attempts: entry.attempts, checkStored: true })
          break
        case 'none':
          break
      }
    }
    logger.info(counts, 'engine resumed unfinished tasks')
  }

  function createRows(input: Parameters<TaskEngine['create']>[0]): NewGeneration[] {
    if (!Number.isInteger(input.variations) || input.variations < 1 || input.variations > MAX_VARIATIONS) {
      throw new UserFacingError('INVALID_INPUT', `Choose between 1 and ${MAX_VARIATIONS} variations.`)
    }
    const createdAt = ctx.iso(now())
    return Array.from({ length: input.variations }, () => ({
      id: randomUUID(),
      prompt: input.prompt,
      aspectRatio: input.aspectRatio,
      references: input.references,
      callbackUrl: input.callbackUrl,
      createdAt,
    }))
  }

  return {
    start() {
      if (started) return
      started = true
      stopping = false
      controllers = freshControllers()
      gate.reset()
      scheduler.resume()
      cleanup = cleanTemporaryFiles(library.dataDir).then(
        (removed) => {
          if (removed > 0) logger.info({ removed }, 'removed partial downloads left by an earlier run')
        },
        (error: unknown) => logger.warn({ err: error }, 'could not clean tmp/'),
      )
      resumeUnfinished()
      hasClient()
      scheduler.pump()
    },

    async stop() {
      if (!started || stopping) return
      stopping = true
      if (resumeHandle !== null) timer.clearTimeout(resumeHandle)
      resumeHandle = null
      scheduler.halt()
      controllers.api.abort()
      controllers.download.abort()
      // A POST in flight gets a moment to be answered: aborted, it becomes `unknown`.
      const grace = timer.setTimeout(() => controllers.submit.abort(), tuning.stopGraceMs)
      await scheduler.settled()
      timer.clearTimeout(grace)
      await cleanup
      ledger.flushAll()
      ledger.dispose()
      notices.flush()
      gate.dispose()
      started = false
      stopping = false
    },

    create(input) {
      const generations = library.insertGenerations(createRows(input))
      const batchId = randomUUID()
      const at = now()
      for (const generation of generations) {
        emitGeneration(generation)
        if (started && !stopping) scheduler.schedule(generation.id, 'submit', at, { batchId })
      }
      logger.info({ count: generations.length, batchId }, 'generations queued')
      return generations
    },

    retry(id) {
      const row = library.getGeneration(id)
      if (!row) throw new UserFacingError('NOT_FOUND', 'That generation is no longer in the library.')
      if (scheduler.get(id) || ledger.holds(id)) {
        throw new UserFacingError('BUSY', 'This generation is already being worked on.')
      }
      const kind = retryKind(row)
      if (kind === 'download' || kind === 'poll' || kind === 'resubmit') {
        const restart = RESTARTS[kind]
        const updated = library.updateGeneration(id, {
          ...restart.patch,
          error: null,
          retry: null,
          finishedAt: null,
          attempts: 0,
          nextCheckAt: null,
        })
        emitGeneration(updated)
        if (started && !stopping) {
          const refreshUrl = kind === 'download' && row.error?.code === 'RESULT_EXPIRED'
          scheduler.schedule(id, restart.lane, now(), { attempts: 0, ...(refreshUrl ? { refreshUrl } : {}) })
        }
        return updated
      }
      throw new UserFacingError(
        'NOT_RETRYABLE',
        row.deletedAt
          ? 'This generation is in the trash; restore it first.'
          : (NOT_RETRYABLE[row.status] ?? 'This generation is still in progress.'),
        { status: row.status },
      )
    },

    state: () => gate.state(),

    credentialsChanged() {
      gate.clear('unauthorized')
      if (started) {
        hasClient()
        scheduler.pump()
      }
    },
  }
}
