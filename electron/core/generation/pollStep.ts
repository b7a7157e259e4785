/**
 * pending/processing → downloading or failed. When to look next is planned
 * from recent durations (pollPlan.ts); failures back off with jitter and are
 * shown on the row.
 */
import type { Generation } from '../../../shared/domain'
import type { GenerationPatch } from '../db/types'
import type { TaskStatusResponse } from '../runblob/types'
import { requestOptions, type StepContext } from './context'
import { decidePollFailure, decidePollReply, taskAge } from './decisions'
import { missingTaskUuid, taskNotFound } from './messages'
import { nextPlannedPoll } from './pollPlan'
import { endFailed, planRetry } from './retryPlan'
import type { Job } from './scheduler'

export async function runPoll(ctx: StepContext, job: Job): Promise<void> {
  const row = ctx.ledger.current(job.id)
  if (!row || (row.status !== 'pending' && row.status !== 'processing')) return
  if (!row.taskUuid) {
    ctx.logger.error({ id: row.id }, 'task in progress without a uuid')
    const { row: lost } = ctx.ledger.record(row, {
      status: 'unknown',
      error: missingTaskUuid,
      finishedAt: ctx.iso(ctx.now()),
    })
    ctx.notices.failed(lost)
    return
  }
  const client = ctx.getClient()
  if (!client) {
    ctx.gate.set('no_key', null)
    ctx.scheduler.schedule(job.id, 'poll', ctx.now())
    return
  }

  let reply: TaskStatusResponse
  const sentAt = ctx.now()
  try {
    ctx.phase('poll:request', row.id)
    reply = await client.status(row.taskUuid, requestOptions(ctx, ctx.signals().api))
  } catch (error) {
    if (ctx.stopping()) return
    handlePollFailure(ctx, job, row, error)
    return
  }
  ctx.gate.apiAnswered()
  job.attempts = 0
  handleReply(ctx, job, row, reply, sentAt)
}

function handleReply(ctx: StepContext, job: Job, row: Generation, reply: TaskStatusResponse, sentAt: number): void {
  const now = ctx.now()
  const outcome = decidePollReply(reply)
  if (outcome.kind === 'download') {
    ctx.ledger.record(row, {
      status: 'downloading',
      remoteUrl: outcome.url,
      retry: null,
      attempts: 0,
      nextCheckAt: now,
    })
    ctx.phase('poll:completed', row.id)
    ctx.scheduler.schedule(job.id, 'download', now, { attempts: 0 })
    return
  }
  if (outcome.kind === 'failed') {
    ctx.logger.info({ id: row.id, taskUuid: row.taskUuid, code: outcome.error.code }, 'task failed at the provider')
    endFailed(ctx, row, outcome.error, 0, now)
    return
  }

  if (outcome.unrecognized !== null && !job.loggedStatuses.has(outcome.unrecognized)) {
    job.loggedStatuses.add(outcome.unrecognized)
    ctx.logger.warn(
      { id: row.id, taskUuid: row.taskUuid, status: outcome.unrecognized },
      'unrecognized task status; still polling',
    )
  }
  const age = taskAge(row, now)
  const patch: GenerationPatch = {}
  if (outcome.status !== null && outcome.status !== row.status) patch.status = outcome.status
  if (row.retry !== null) patch.retry = null
  if (age >= ctx.tuning.stalledAfterMs && !row.stalled) {
    ctx.logger.warn({ id: row.id, taskUuid: row.taskUuid, ageMs: age }, 'task stalled; still watched, more slowly')
    patch.stalled = true
  }
  // Where this check stood in the plan: a late one keeps the later checks where the plan put them.
  const ageAt = (at: number) => Math.max(0, age - Math.max(0, now - at))
  const check = { dueAgeMs: ageAt(Math.min(job.dueAt, sentAt)), sentAgeMs: ageAt(sentAt) }
  const dueAt = now + nextPlannedPoll(age, ctx.durations.model(), ctx.tuning, ctx.random, check)
  // Only visible changes are written: a plain "still pending" costs no disk write and no event.
  if (Object.keys(patch).length > 0) ctx.ledger.record(row, { ...patch, attempts: 0, nextCheckAt: dueAt })
  ctx.scheduler.schedule(job.id, 'poll', dueAt)
}

function handlePollFailure(ctx: StepContext, job: Job, row: Generation, error: unknown): void {
  const now = ctx.now()
  const decision = decidePollFailure(error)
  const attempt = job.attempts + 1
  job.attempts = attempt
  if (decision.notFound && attempt >= ctx.tuning.notFoundAttempts) {
    ctx.logger.error({ id: row.id, taskUuid: row.taskUuid }, 'provider does not know this task; giving up')
    endFailed(ctx, row, taskNotFound, attempt, now)
    return
  }

  const { at, reason } = planRetry(ctx, decision, attempt, now)
  ctx.logger.debug({ id: row.id, reason, attempt }, 'status check failed; will look again')
  ctx.ledger.record(row, { retry: { reason, at: ctx.iso(at), attempt }, attempts: attempt, nextCheckAt: at })
  ctx.scheduler.schedule(job.id, 'poll', at)
}
