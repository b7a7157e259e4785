import { useState } from 'react'
import type { Generation } from '../../../shared/domain'
import { atelier } from '../api/client'
import { describeErrorInfo } from '../api/errors'
import { formatBytes } from '../format/bytes'
import { formatPrice } from '../format/money'
import { formatDateTime, formatDuration, msBetween } from '../format/time'
import { libraryStore } from '../stores/library/store'
import { studioStore } from '../stores/studio/store'
import { uiStore } from '../stores/ui/store'
import { copyText } from '../ui/clipboard'
import { ErrorNotice } from '../ui/ErrorNotice'
import { CheckIcon, CopyIcon, ImagePlusIcon, LinkIcon, RemixIcon, StarIcon } from '../ui/icons'
import { RATIO_LABELS, statusLabel } from '../ui/statusText'

export function ViewerDetails({ generation: g }: { generation: Generation }) {
  const [copied, setCopied] = useState(false)
  const started = g.submittedAt ?? g.createdAt
  const duration = g.finishedAt ? msBetween(started, g.finishedAt) : null
  const error = g.error ? describeErrorInfo(g.error) : null

  const toStudio = () => {
    uiStore.getState().closeViewer()
    uiStore.getState().showView('studio')
  }

  const copyPrompt = async () => {
    if (await copyText(g.prompt)) {
      setCopied(true)
      setTimeout(() => setCopied(false), 1500)
    }
  }

  return (
    <div className="viewer-details">
      <section className="viewer-prompt" aria-label="Prompt">
        <p>{g.prompt}</p>
      </section>

      <div className="viewer-actions">
        <button type="button" className="btn small" onClick={() => void copyPrompt()}>
          {copied ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
          {copied ? 'Copied' : 'Copy prompt'}
        </button>
        <button
          type="button"
          className="btn small"
          aria-pressed={g.favorite}
          onClick={() => void libraryStore.getState().setFavorite(g.id, !g.favorite)}
        >
          <StarIcon size={14} filled={g.favorite} />
          Favourite
        </button>
        {g.status === 'completed' && (
          <button
            type="button"
            className="btn small"
            onClick={() => {
              void studioStore.getState().addGenerationAsReference(g)
              toStudio()
            }}
          >
            <ImagePlusIcon size={14} />
            Use as reference
          </button>
        )}
        <button
          type="button"
          className="btn small"
          onClick={() => {
            studioStore.getState().remix(g)
            toStudio()
          }}
        >
          <RemixIcon size={14} />
          Remix
        </button>
      </div>

      {error && <ErrorNotice error={error} alert={false} className="compact" />}

      <dl className="viewer-facts">
        {g.status !== 'completed' && <Fact label="Status" value={statusLabel(g.status)} />}
        <Fact label="Aspect ratio" value={RATIO_LABELS[g.aspectRatio]} />
        <Fact label="Price" value={formatPrice(g.price) ?? '—'} />
        <Fact label="Created" value={formatDateTime(g.createdAt)} />
        <Fact label="Finished" value={formatDateTime(g.finishedAt)} />
        <Fact label="Duration" value={formatDuration(duration)} />
        {g.image && <Fact label="Pixel size" value={`${g.image.width} × ${g.image.height}`} />}
        {g.image && <Fact label="File size" value={formatBytes(g.image.bytes)} />}
        <Fact label="Task" value={g.taskUuid ?? '—'} mono />
      </dl>

      {g.references.length > 0 && (
        <section className="viewer-refs" aria-label="References">
          <h3>References</h3>
          <ul>
            {g.references.map((reference, i) => (
              <li key={reference.id} title={reference.name ?? reference.url ?? undefined}>
                {reference.path ? (
                  <img src={atelier.mediaUrl(reference.path)} alt={`Reference ${i + 1}`} decoding="async" />
                ) : (
                  <span className="viewer-ref-link">
                    <LinkIcon size={16} />
                    <span className="visually-hidden">Reference {i + 1}: {reference.url}</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}

function Fact({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="viewer-fact">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  )
}
