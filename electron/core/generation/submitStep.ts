/**
 * queued → submitting → pending. The intent is written durably before the POST;
 * the uuid and price the moment the reply arrives. A POST that got no answer
 * becomes `unknown` and is never re-sent by the engine.
 */
import type { Generation } from '../../../shared/domain'
import type { GenerateRequest, GenerateResponse } from '../runblob/types'
import { requestOptions, type StepContext } from './context'
import { acceptPrice, decideSubmitFailure } from './decisions'
import { creditsExhaustedInBatch, referenceUnavailable } from './messages'
import { firstPollDelay } from './pollPlan'
import { planRetry } from './retryPlan'
import type { Job } from './scheduler'

function buildRequest(row: Generation, images: string[]): GenerateRequest {
  const body: GenerateRequest = { prompt: row.prompt }
  // "auto" means: send no aspect_ratio at all.
  if (row.aspectRatio !== 'auto') body.aspect_ratio = row.aspectRatio
  if (images.length > 0) body.images = images
  if (row.callbackUrl) body.callback_url = row.callbackUrl
  return body
}

export async function runSubmit(ctx: StepContext, job: Job): Promise<void> {
  const row = ctx.ledger.current(job.id)
  if (!row || row.status !== 'queued') return
  const client = ctx.getClient()
  if (!client) {
    ctx.gate.set('no_key', null)
    ctx.scheduler.schedule(job.id, 'submit', ctx.now())
    return
  }

  let images: string[]
  try {
    images = await Promise.all(row.references.map((reference) => ctx.referencePayload(reference)))
  } catch (error) {
    ctx.logger.warn({ err: error, id: row.id }, 'reference could not be prepared; nothing sent')
    const { row: rejected } = ctx.ledger.record(row, {
      status: 'rejected',
      error: referenceUnavailable(error),
      finishedAt: ctx.iso(ctx.now()),
      retry: null,
    })
    ctx.notices.failed(rejected)
    return
  }
  if (ctx.stopping()) return

  // The intent, durable before anything leaves: a crash from here on reads as "maybe charged".
  const intent = ctx.ledger.attempt(row, {
    status: 'submitting',
    submittedAt: ctx.iso(ctx.now()),
    error: null,
    retry: null,
    nextCheckAt: null,
  })
  if (!intent) {
    job.attempts += 1
    ctx.scheduler.schedule(job.id, 'submit', ctx.now() + ctx.backoff(job.attempts))
    return
  }
  ctx.phase('submit:intent-written', row.id)

  let reply: GenerateResponse
  try {
    ctx.phase('submit:request-sent', row.id)
    reply = await client.generate(buildRequest(row, images), requestOptions(ctx, ctx.signals().submit))
  } catch (error) {
    handleSubmitFailure(ctx, job, intent, error)
    return
  }
  ctx.phase('submit:reply-received', row.id)
  ctx.gate.apiAnswered()

  const price = acceptPrice(reply.price)
  if (price === null)
    ctx.logger.warn(
      { id: row.id, taskUuid: reply.task_uuid, price: reply.price },
      'task created without a readable price',
    )
  ctx.logger.info({ id: row.id, taskUuid: reply.task_uuid, price }, 'task created')
  const dueAt = ctx.now() + firstPollDelay(ctx.durations.model(), ctx.tuning, ctx.random)
  ctx.ledger.record(intent, {
    status: reply.status === 'processing' ? 'processing' : 'pending',
    taskUuid: reply.task_uuid,
    price,
    retry: null,
    attempts: 0,
    nextCheckAt: dueAt,
  })
  ctx.phase('submit:uuid-written', row.id)
  job.attempts = 0
  ctx.scheduler.schedule(job.id, 'poll', dueAt)
}

function handleSubmitFailure(ctx: StepContext, job: Job, intent: Generation, error: unknown): void {
  const outcome = decideSubmitFailure(error)
  const now = ctx.now()
  if (outcome.kind === 'unknown') {
    ctx.logger.warn({ err: error, id: intent.id }, 'POST got no answer; marked unknown, not re-sent')
    const { row } = ctx.ledger.record(intent, {
      status: 'unknown',
      error: outcome.error,
      finishedAt: ctx.iso(now),
      retry: null,
    })
    ctx.notices.failed(row)
    return
  }
  if (outcome.kind === 'rejected') {
    ctx.gate.apiAnswered()
    ctx.logger.info({ id: intent.id, code: outcome.error.code }, 'POST rejected; nothing charged')
    const { row } = ctx.ledger.record(intent, {
      status: 'rejected',
      error: outcome.error,
      finishedAt: ctx.iso(now),
      retry: null,
      attempts: 0,
    })
    ctx.notices.failed(row)
    if (outcome.creditsExhausted) rejectRestOfBatch(ctx, job)
    return
  }

  // Nothing was created: back to queued, and wait.
  const attempt = job.attempts + 1
  job.attempts = attempt
  const { at, reason } = planRetry(ctx, outcome, attempt, now)
  ctx.ledger.record(intent, {
    status: 'queued',
    submittedAt: null,
    retry: { reason, at: ctx.iso(at), attempt },
    attempts: attempt,
    nextCheckAt: at,
  })
  ctx.scheduler.schedule(job.id, 'submit', at)
}

/**
 * 402: the account is out of credits, so the rest of this batch would be refused
 * too. They are rejected now, without being sent (nothing charged); retry()
 * queues them again after a top-up. Other batches try on their own.
 */
function rejectRestOfBatch(ctx: StepContext, job: Job): void {
  if (job.batchId === null) return
  for (const sibling of ctx.scheduler.idle('submit')) {
    if (sibling.batchId !== job.batchId || sibling.id === job.id) continue
    const row = ctx.ledger.current(sibling.id)
    if (!row || row.status !== 'queued') continue
    ctx.scheduler.cancel(sibling.id)
    const { row: rejected } = ctx.ledger.record(row, {
      status: 'rejected',
      error: creditsExhaustedInBatch,
      finishedAt: ctx.iso(ctx.now()),
      retry: null,
      attempts: 0,
      nextCheckAt: null,
    })
    ctx.notices.failed(rejected)
  }
}
