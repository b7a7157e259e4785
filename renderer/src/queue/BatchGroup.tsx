/**
 * A batch in the queue: its members under one heading with the progress (n of
 * m done), "Cancel the rest" (the members not sent yet are removed, nothing is
 * charged for them) and "Retry the failed" (each failed member as its retry kind
 * says, with one spending question for all of them).
 */
import { useState } from 'react'
import { isFinalStatus, type Generation } from '../../../shared/domain'
import { retryKind } from '../../../shared/generationActions'
import { atelier } from '../api/client'
import { describeError, type ErrorView } from '../api/errors'
import { spendLimitPromptFrom, type SpendLimitPrompt } from '../stores/studio/spendLimit'
import { libraryStore } from '../stores/library/store'
import { tasksStore } from '../stores/tasks/store'
import { SpendLimitQuestion } from '../studio/SpendLimitDialog'
import { ErrorNotice } from '../ui/ErrorNotice'
import { QueueItem } from './QueueItem'

/** Batch members together, in queue order, at the place of the batch's first member. */
export type QueueEntry =
  { kind: 'single'; generation: Generation } | { kind: 'batch'; batchId: string; members: Generation[] }

export function groupQueue(items: readonly Generation[]): QueueEntry[] {
  const entries: QueueEntry[] = []
  const batches = new Map<string, Generation[]>()
  for (const generation of items) {
    const batchId = generation.batchId
    if (!batchId) {
      entries.push({ kind: 'single', generation })
      continue
    }
    const members = batches.get(batchId)
    if (members) members.push(generation)
    else {
      const list = [generation]
      batches.set(batchId, list)
      entries.push({ kind: 'batch', batchId, members: list })
    }
  }
  return entries
}

export function batchProgress(members: readonly Generation[]) {
  return {
    done: members.filter((g) => isFinalStatus(g.status)).length,
    total: members.length,
    queued: members.filter((g) => g.status === 'queued').length,
    retryable: members.filter((g) => retryKind(g) !== null).length,
  }
}

export function BatchGroup({ batchId, members }: { batchId: string; members: Generation[] }) {
  const progress = batchProgress(members)
  const [question, setQuestion] = useState<SpendLimitPrompt | null>(null)
  const [error, setError] = useState<ErrorView | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)

  const cancelRest = async () => {
    setBusy(true)
    setError(null)
    try {
      const { removed } = await atelier.invoke('generation.cancelBatch', { batchId })
      tasksStore.getState().forget(removed)
      setNote(`${removed.length} not sent, removed`)
    } catch (caught) {
      setError(describeError(caught))
    } finally {
      setBusy(false)
    }
  }
  const retryFailed = async (confirmOverLimit: boolean) => {
    setBusy(true)
    setError(null)
    try {
      const { retried } = await atelier.invoke('generation.retryBatch', { batchId, confirmOverLimit })
      tasksStore.getState().apply(retried)
      libraryStore.getState().apply(retried)
      setNote(`${retried.length} retried`)
    } catch (caught) {
      const limit = spendLimitPromptFrom(caught)
      if (limit) setQuestion(limit)
      else setError(describeError(caught))
    } finally {
      setBusy(false)
    }
  }

  const headingId = `batch-${batchId}`
  return (
    <li className="queue-batch">
      <div className="queue-batch-head">
        <h3 id={headingId}>
          Batch · {progress.done} of {progress.total} done
        </h3>
        {progress.queued > 0 && (
          <button type="button" className="btn small" disabled={busy} onClick={() => void cancelRest()}>
            Cancel the rest
          </button>
        )}
        {progress.retryable > 0 && (
          <button type="button" className="btn small" disabled={busy} onClick={() => void retryFailed(false)}>
            Retry the failed ({progress.retryable})
          </button>
        )}
        <span className="visually-hidden" aria-live="polite">
          {note}
        </span>
      </div>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      <ul className="queue-list" aria-labelledby={headingId}>
        {members.map((generation) => (
          <QueueItem key={generation.id} generation={generation} />
        ))}
      </ul>
      <SpendLimitQuestion
        prompt={question}
        onCancel={() => setQuestion(null)}
        onConfirm={() => {
          setQuestion(null)
          void retryFailed(true)
        }}
      />
    </li>
  )
}
