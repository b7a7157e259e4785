/** One task in the queue: where it is, how long it has taken, and what can be done. */
import { memo } from 'react'
import type { Generation } from '../../../shared/domain'
import { generationActions, RETRY_LABELS } from '../../../shared/generationActions'
import { smallThumbPath } from '../../../shared/thumbnails'
import { atelier } from '../api/client'
import { describeErrorInfo } from '../api/errors'
import { formatPrice } from '../format/money'
import { formatClock, formatDuration, formatElapsed, msBetween } from '../format/time'
import { studioStore } from '../stores/studio/store'
import { remainingText, typicalDuration } from '../stores/tasks/estimates'
import { isActive } from '../stores/tasks/reducer'
import { useTasks } from '../stores/tasks/store'
import { uiStore } from '../stores/ui/store'
import { ErrorNotice } from '../ui/ErrorNotice'
import { AlertIcon, ClockIcon, ImagePlusIcon, RemixIcon, RetryIcon, Spinner } from '../ui/icons'
import { retryReasonText, statusLabel } from '../ui/statusText'
import { useNow } from '../ui/useNow'

/** Statuses for which a time estimate means something (a download's time is not the provider's). */
const ESTIMATED = new Set(['queued', 'submitting', 'pending', 'processing'])

export const QueueItem = memo(function QueueItem({ generation: g }: { generation: Generation }) {
  const active = isActive(g)
  const now = useNow(active)
  const busy = useTasks((s) => s.busy[g.id] === true)
  const actionError = useTasks((s) => s.actionErrors[g.id])
  const retry = useTasks((s) => s.retry)
  const typical = useTasks((s) =>
    typicalDuration(s.estimates, { aspectRatio: g.aspectRatio, references: g.references.length }),
  )

  const started = g.submittedAt ?? g.createdAt
  const elapsedMs = now - Date.parse(started)
  const elapsed = active ? formatElapsed(elapsedMs) : null
  const took = !active && g.status === 'completed' ? msBetween(started, g.finishedAt) : null
  const price = formatPrice(g.price)
  const completed = g.status === 'completed' && g.image !== null
  const can = generationActions(g)
  const error = g.error ? describeErrorInfo({ ...g.error, retryAt: g.retry?.at ?? null }) : null

  const openViewer = () => uiStore.getState().openViewer({ source: 'queue', id: g.id })
  const useAsReference = () => void studioStore.getState().addGenerationAsReference(g)
  const remix = () => studioStore.getState().remix(g)

  return (
    <li className="queue-item" data-status={g.status} data-id={g.id}>
      <div className="queue-thumb">
        {completed ? (
          <button
            type="button"
            className="queue-thumb-button thumb-button"
            onClick={openViewer}
            title="Open in the viewer"
          >
            <img src={atelier.mediaUrl(smallThumbPath(g.image!.thumbPath))} alt={g.prompt} decoding="async" />
          </button>
        ) : active ? (
          <Spinner size={20} />
        ) : (
          <AlertIcon size={20} />
        )}
      </div>
      <div className="queue-body">
        <p className="queue-prompt" title={g.prompt}>
          {g.prompt}
        </p>
        <p className="queue-meta">
          <span className="queue-status status-word" data-status={g.status}>
            {statusLabel(g.status)}
          </span>
          {elapsed && <span className="queue-elapsed">{elapsed}</span>}
          {active && ESTIMATED.has(g.status) && !g.stalled && !g.retry && (
            <span className="queue-estimate">{remainingText(typical, elapsedMs)}</span>
          )}
          {took !== null && <span>took {formatDuration(took)}</span>}
          {price && <span className="queue-price">{price}</span>}
        </p>
        {g.stalled && active && (
          <p className="queue-note warning">
            <ClockIcon size={14} /> Taking longer than usual
          </p>
        )}
        {g.retry && active && (
          <p className="queue-note">
            <RetryIcon size={14} /> Retrying at {formatClock(g.retry.at)} — {retryReasonText(g.retry.reason)}
          </p>
        )}
        {g.status === 'unknown' ? (
          <p className="queue-note warning">
            {g.error?.message ??
              'The request got no answer, so runblob may have created and charged this task. Atelier will not send it again by itself.'}{' '}
            Check your runblob dashboard before generating it again.
          </p>
        ) : (
          error && !completed && <ErrorNotice error={error} alert={false} className="compact" />
        )}
        {actionError && <ErrorNotice error={actionError} className="compact" />}
        {(can.retry || can.useAsReference || can.remix) && (
          <div className="queue-actions">
            {can.retry && (
              <button type="button" className="btn small" onClick={() => void retry(g.id)} disabled={busy}>
                {busy ? <Spinner size={14} /> : <RetryIcon size={14} />}
                {RETRY_LABELS[can.retry]}
              </button>
            )}
            {can.useAsReference && (
              <button type="button" className="btn small" onClick={useAsReference}>
                <ImagePlusIcon size={14} />
                Use as reference
              </button>
            )}
            {can.remix && (
              <button type="button" className="btn small" onClick={remix}>
                <RemixIcon size={14} />
                Remix
              </button>
            )}
          </div>
        )}
      </div>
      {active && <div className="queue-progress" aria-hidden="true" />}
    </li>
  )
})
