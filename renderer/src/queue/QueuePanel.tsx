import { useShallow } from 'zustand/react/shallow'
import { useTasks } from '../stores/tasks/store'
import { selectActiveCount, selectHasFinished, selectQueue } from '../stores/tasks/selectors'
import { ErrorNotice } from '../ui/ErrorNotice'
import { Spinner } from '../ui/icons'
import { BatchGroup, groupQueue } from './BatchGroup'
import { QueueItem } from './QueueItem'
import './queue.css'

export function QueuePanel() {
  const items = useTasks(useShallow(selectQueue))
  const active = useTasks(selectActiveCount)
  const hasFinished = useTasks(selectHasFinished)
  const status = useTasks((s) => s.status)
  const loadError = useTasks((s) => s.loadError)
  const clearFinished = useTasks((s) => s.clearFinished)
  const reload = useTasks((s) => s.loadSnapshot)
  const announcement = useTasks((s) => s.announcement)

  return (
    <section className="queue" aria-label="Queue">
      <header className="queue-head">
        <h2>Queue</h2>
        <span className="queue-summary" aria-live="polite">
          {active > 0 ? `${active} running` : items.length > 0 ? 'All done' : ''}
        </span>
        {hasFinished && (
          <button type="button" className="btn ghost small" onClick={clearFinished}>
            Clear finished
          </button>
        )}
      </header>
      {loadError && (
        <div className="queue-error">
          <ErrorNotice error={loadError} alert={false} />
          <button type="button" className="btn small" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      )}
      {status === 'loading' && items.length === 0 && (
        <div className="queue-empty">
          <Spinner /> Loading…
        </div>
      )}
      {status !== 'loading' && items.length === 0 && !loadError && (
        <div className="queue-empty">
          <p>Nothing in the queue.</p>
          <p className="muted">Each image you generate appears here while it is made — usually in 1–3 minutes.</p>
        </div>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ul className="queue-list">
        {groupQueue(items).map((entry) =>
          entry.kind === 'batch' ? (
            <BatchGroup key={entry.batchId} batchId={entry.batchId} members={entry.members} />
          ) : (
            <QueueItem key={entry.generation.id} generation={entry.generation} />
          ),
        )}
      </ul>
    </section>
  )
}
