/**
 * downloading → completed. A failed download keeps the row in `downloading`
 * with retry info; when attempts run out it ends as `failed` with
 * DOWNLOAD_FAILED / RESULT_EXPIRED, the remote URL kept for retry().
 */
import type { Generation, ImageFileInfo } from '../../../shared/domain'
import { DownloadError, downloadResult, embedRecipeInStored, findStoredResult } from '../downloads'
import { recipeOfGeneration } from '../recipe'
import { requestOptions, type StepContext } from './context'
import { downloadFailed } from './messages'
import { endFailed } from './retryPlan'
import type { Job } from './scheduler'

export async function runDownload(ctx: StepContext, job: Job): Promise<void> {
  await ctx.ready()
  const row = ctx.ledger.current(job.id)
  if (!row || row.status !== 'downloading') return
  ctx.phase('download:start', row.id)

  let image: ImageFileInfo | null = null
  // One instant for the row and the recipe in its file, so the two never disagree.
  let finishedAt = ctx.iso(ctx.now())
  if (job.checkStored) {
    job.checkStored = false
    image = await findStoredResult(ctx.library.dataDir, row.id).catch((error: unknown) => {
      ctx.logger.warn({ err: error, id: row.id }, 'could not inspect an earlier result on disk')
      return null
    })
    if (image) {
      ctx.logger.info({ id: row.id }, 'result found in place from an earlier run')
      ;({ image, finishedAt } = await withRecipe(ctx, row, image, finishedAt))
    }
  }
  if (!image) {
    let url = row.remoteUrl
    if (job.refreshUrl) {
      job.refreshUrl = false
      url = (await freshResultUrl(ctx, row)) ?? url
    }
    if (!url) {
      const { row: failed } = ctx.ledger.record(row, {
        status: 'failed',
        error: downloadFailed(false, 'no result link on record'),
        finishedAt: ctx.iso(ctx.now()),
        retry: null,
      })
      ctx.notices.failed(failed)
      return
    }
    try {
      finishedAt = ctx.iso(ctx.now())
      image = await downloadResult(url, {
        id: row.id,
        dataDir: ctx.library.dataDir,
        fetch: ctx.fetch,
        signal: ctx.signals().download,
        timeoutMs: ctx.tuning.downloadTimeoutMs,
        maxBytes: ctx.tuning.maxDownloadBytes,
        onPhase: (phase) => ctx.phase(phase, row.id),
        recipe: recipeOfGeneration({ ...row, status: 'completed', finishedAt }, ctx.app),
        onRecipeSkipped: (error) =>
          ctx.logger.warn({ id: row.id, code: error.code }, 'result kept without its recipe: ' + error.message),
      })
    } catch (error) {
      if (ctx.stopping()) return
      handleDownloadFailure(ctx, job, row, error)
      return
    }
  }

  const { row: done } = ctx.ledger.record(row, {
    status: 'completed',
    image,
    finishedAt,
    error: null,
    retry: null,
    attempts: 0,
    nextCheckAt: null,
  })
  ctx.phase('download:row-written', row.id)
  ctx.notices.completed(done)
}

/**
 * A result found in place: its recipe (written just before an earlier run stopped) gives the
 * finish time; a file without one (an older Atelier) is given one now, before the row says completed.
 */
async function withRecipe(
  ctx: StepContext,
  row: Generation,
  image: ImageFileInfo,
  finishedAt: string,
): Promise<{ image: ImageFileInfo; finishedAt: string }> {
  try {
    const recipe = recipeOfGeneration({ ...row, status: 'completed', finishedAt }, ctx.app)
    const outcome = await embedRecipeInStored(ctx.library.dataDir, image, recipe)
    switch (outcome.kind) {
      case 'present':
        return { image, finishedAt: outcome.recipe.finishedAt ?? finishedAt }
      case 'embedded':
        return { image: outcome.image, finishedAt }
      case 'unsupported':
        ctx.logger.warn(
          { id: row.id, code: outcome.error.code },
          'result kept without its recipe: ' + outcome.error.message,
        )
        return { image, finishedAt }
    }
  } catch (error) {
    // The file is whole (it was checked); its recipe can be added later by the file check.
    ctx.logger.warn({ err: error, path: image.path }, 'could not add the recipe to an earlier result')
    return { image, finishedAt }
  }
}

/** An expired link may be re-signed by the API: ask for the task again (best effort). */
async function freshResultUrl(ctx: StepContext, row: Generation): Promise<string | null> {
  const client = ctx.getClient()
  if (!client || !row.taskUuid) return null
  try {
    const reply = await client.status(row.taskUuid, requestOptions(ctx, ctx.signals().api))
    const url = reply.status === 'completed' ? reply.result_image_url : null
    if (url && url !== row.remoteUrl) {
      ctx.logger.info({ id: row.id }, 'provider gave a new result link')
      ctx.ledger.record(row, { remoteUrl: url })
    }
    return url
  } catch {
    return null
  }
}

function handleDownloadFailure(ctx: StepContext, job: Job, row: Generation, error: unknown): void {
  const now = ctx.now()
  const failure =
    error instanceof DownloadError ? error : new DownloadError('network', String(error), null, { cause: error })
  if (!(error instanceof DownloadError)) ctx.logger.error({ err: error, id: row.id }, 'unexpected download error')
  if (failure.kind === 'disk') {
    // Our disk, not their link: wait for space without using up the attempts.
    const at = now + ctx.backoff(job.attempts + 1)
    if (!ctx.gate.has('storage')) ctx.gate.set('storage', at, `Atelier cannot save images: ${failure.message}`)
    ctx.logger.error({ err: error, id: row.id }, 'result could not be saved')
    ctx.scheduler.schedule(job.id, 'download', at)
    return
  }
  const attempt = job.attempts + 1
  job.attempts = attempt
  const expired = failure.kind === 'expired'
  if (expired) job.refreshUrl = true
  ctx.logger.warn({ id: row.id, kind: failure.kind, attempt, message: failure.message }, 'download failed')
  if (attempt >= ctx.tuning.downloadAttempts) {
    endFailed(ctx, row, downloadFailed(expired, failure.message), attempt, now)
    return
  }
  const at = now + ctx.backoff(attempt)
  ctx.ledger.record(row, {
    retry: { reason: expired ? 'result_expired' : 'download_failed', at: ctx.iso(at), attempt },
    attempts: attempt,
    nextCheckAt: at,
  })
  ctx.scheduler.schedule(job.id, 'download', at)
}
