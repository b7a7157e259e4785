import { useState } from 'react'
import type { Generation } from '../../../shared/domain'
import { generationActions, RETRY_LABELS } from '../../../shared/generationActions'
import { atelier } from '../api/client'
import { describeError, describeErrorInfo, type ErrorView } from '../api/errors'
import { formatBytes } from '../format/bytes'
import { formatPrice } from '../format/money'
import { formatDateTime, formatDuration, msBetween } from '../format/time'
import { MAX_PANES } from '../compare/panes'
import { useVariations } from '../compare/useVariations'
import { canReveal, copyImage, revealImage, saveImageAs } from '../library/fileActions'
import { DownloadIcon, FolderIcon, ImageIcon, TrashIcon, UndoIcon } from '../library/libraryIcons'
import { libraryStore } from '../stores/library/store'
import { studioStore } from '../stores/studio/store'
import { tasksStore, useTasks } from '../stores/tasks/store'
import { uiStore } from '../stores/ui/store'
import { copyText } from '../ui/clipboard'
import { ErrorNotice } from '../ui/ErrorNotice'
import {
  CheckIcon,
  CompareIcon,
  CopyIcon,
  ImagePlusIcon,
  LinkIcon,
  PlusIcon,
  RemixIcon,
  RetryIcon,
  StarIcon,
} from '../ui/icons'
import { SaveStyleForm } from '../promptStyles/SaveStyleForm'
import { RATIO_LABELS, statusLabel } from '../ui/statusText'
import { LineageSection } from './LineageSection'
import { describeGaps } from '../rebuild/recoveredGaps'

export function ViewerDetails({ generation: g, onDeleted }: { generation: Generation; onDeleted: () => void }) {
  const [done, setDone] = useState<string | null>(null)
  const [error, setError] = useState<ErrorView | null>(null)
  const [savingStyle, setSavingStyle] = useState(false)
  const started = g.submittedAt ?? g.createdAt
  const duration = g.finishedAt ? msBetween(started, g.finishedAt) : null
  const failure = g.error ? describeErrorInfo(g.error) : null
  const can = generationActions(g)
  const retrying = useTasks((s) => s.busy[g.id] === true)
  const retryError = useTasks((s) => s.actionErrors[g.id])
  const variations = useVariations(g)
  const referencesWithFiles = g.references.filter((reference) => reference.path !== null).length

  const toStudio = () => {
    uiStore.getState().closeViewer()
    uiStore.getState().showView('studio')
  }

  /** Runs an action; says so briefly when it worked, or shows why it did not. */
  const act = async (label: string | null, action: () => Promise<unknown>) => {
    setError(null)
    try {
      await action()
      if (label) flash(label)
    } catch (failed) {
      setError(describeError(failed))
    }
  }

  const flash = (label: string) => {
    setDone(label)
    setTimeout(() => setDone((current) => (current === label ? null : current)), 1600)
  }

  const said = (label: string, idle: string) => (done === label ? label : idle)

  /** The queue's retry (spending-limit question included); its refusal shows below, as in the queue. */
  const retry = () =>
    void act(null, async () => {
      if (await tasksStore.getState().retry(g.id)) flash('Sent again')
    })

  return (
    <div className="viewer-details">
      <section className="viewer-prompt" aria-label="Prompt">
        <p>{g.prompt}</p>
      </section>
      {/* Beside the prompt, not in its region: the region reads as the prompt alone. */}
      <div className="viewer-save-style">
        {savingStyle ? (
          <SaveStyleForm
            text={g.prompt}
            onDone={(saved) => {
              setSavingStyle(false)
              if (saved) flash('Style saved')
            }}
          />
        ) : (
          <button type="button" className="btn small ghost" onClick={() => setSavingStyle(true)}>
            {done === 'Style saved' ? <CheckIcon size={14} /> : <PlusIcon size={14} />}
            {said('Style saved', 'Save prompt as style')}
          </button>
        )}
      </div>

      <div className="viewer-actions" role="toolbar" aria-label="Image actions">
        <button
          type="button"
          className="btn small"
          onClick={() =>
            void act('Prompt copied', async () => {
              if (!(await copyText(g.prompt))) throw new Error('The clipboard refused the text.')
            })
          }
        >
          {done === 'Prompt copied' ? <CheckIcon size={14} /> : <CopyIcon size={14} />}
          {said('Prompt copied', 'Copy prompt')}
        </button>
        {can.favorite && (
          <button
            type="button"
            className="btn small"
            aria-pressed={g.favorite}
            onClick={() => void libraryStore.getState().setFavorite(g.id, !g.favorite)}
          >
            <StarIcon size={14} filled={g.favorite} />
            Favourite
          </button>
        )}
        {can.remix && (
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
        )}
        {can.useAsReference && (
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
        {variations.length >= 2 && (
          <button
            type="button"
            className="btn small"
            onClick={() =>
              uiStore.getState().openCompare({
                kind: 'generations',
                ids: variations.slice(0, MAX_PANES).map((variation) => variation.id),
              })
            }
          >
            <CompareIcon size={14} />
            Compare {variations.length} variations
          </button>
        )}
        {can.fileActions && referencesWithFiles > 0 && (
          <button
            type="button"
            className="btn small"
            onClick={() => uiStore.getState().openCompare({ kind: 'references', id: g.id })}
          >
            <CompareIcon size={14} />
            Compare with references
          </button>
        )}
        {can.fileActions && (
          <>
            <button type="button" className="btn small" onClick={() => void act('Image copied', () => copyImage(g))}>
              {done === 'Image copied' ? <CheckIcon size={14} /> : <ImageIcon size={14} />}
              {said('Image copied', 'Copy image')}
            </button>
            <button type="button" className="btn small" onClick={() => void act(null, () => saveImageAs(g))}>
              <DownloadIcon size={14} />
              Save as…
            </button>
            {canReveal() && (
              <button type="button" className="btn small" onClick={() => void act(null, () => revealImage(g))}>
                <FolderIcon size={14} />
                Show in folder
              </button>
            )}
          </>
        )}
        {can.retry && (
          <button type="button" className="btn small" onClick={retry} disabled={retrying}>
            {done === 'Sent again' ? <CheckIcon size={14} /> : <RetryIcon size={14} />}
            {said('Sent again', RETRY_LABELS[can.retry])}
          </button>
        )}
        {can.restore && (
          <button
            type="button"
            className="btn small"
            onClick={() =>
              void act(null, async () => {
                await libraryStore.getState().restore([g.id])
                onDeleted()
              })
            }
          >
            <UndoIcon size={14} />
            Restore
          </button>
        )}
        {can.trash && (
          <button
            type="button"
            className="btn small danger"
            onClick={() =>
              void act(null, async () => {
                await libraryStore.getState().remove([g.id])
                onDeleted()
              })
            }
          >
            <TrashIcon size={14} />
            Delete
          </button>
        )}
      </div>

      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} className="compact" />}
      {retryError && <ErrorNotice error={retryError} className="compact" />}
      {failure && <ErrorNotice error={failure} alert={false} className="compact" />}

      <dl className="viewer-facts">
        {g.status !== 'completed' && <Fact label="Status" value={statusLabel(g.status)} />}
        {g.deletedAt && <Fact label="In the trash" value={formatDateTime(g.deletedAt)} />}
        <Fact label="Aspect ratio" value={RATIO_LABELS[g.aspectRatio]} />
        <Fact label="Price" value={formatPrice(g.price) ?? '—'} />
        <Fact label="Created" value={formatDateTime(g.createdAt)} />
        <Fact label="Finished" value={formatDateTime(g.finishedAt)} />
        <Fact label="Duration" value={formatDuration(duration)} />
        {g.image && <Fact label="Pixel size" value={`${g.image.width} × ${g.image.height}`} />}
        {g.image && <Fact label="File size" value={formatBytes(g.image.bytes)} />}
        {g.image?.missing && <Fact label="File" value="Missing from the library folder" />}
        <Fact label="Task" value={g.taskUuid ?? '—'} mono />
        {g.recoveredLacking && <Fact label="Rebuilt from its file, without" value={describeGaps(g.recoveredLacking)} />}
      </dl>

      {g.references.length > 0 && (
        <section className="viewer-refs" aria-label="References">
          <h3>References</h3>
          <ul>
            {g.references.map((reference, i) => (
              <li key={reference.id} title={reference.name ?? reference.url ?? undefined}>
                {reference.sourceGenerationId ? (
                  <button
                    type="button"
                    className="viewer-ref-open"
                    aria-label={`Reference ${i + 1}: open the image it came from`}
                    onClick={() =>
                      uiStore.getState().openViewer({ source: 'library', id: reference.sourceGenerationId! })
                    }
                  >
                    {reference.path && (
                      <img src={atelier.mediaUrl(reference.path)} alt={`Reference ${i + 1}`} decoding="async" />
                    )}
                  </button>
                ) : reference.path ? (
                  <img src={atelier.mediaUrl(reference.path)} alt={`Reference ${i + 1}`} decoding="async" />
                ) : (
                  <span className="viewer-ref-link">
                    <LinkIcon size={16} />
                    <span className="visually-hidden">
                      Reference {i + 1}: {reference.url}
                    </span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <LineageSection generation={g} />
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
