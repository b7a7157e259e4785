import type { DragEvent, KeyboardEvent } from 'react'
import { useState } from 'react'
import type { ReferenceInfo } from '../../../shared/domain'
import { atelier } from '../api/client'
import { formatBytes } from '../format/bytes'
import { useStudio } from '../stores/studio/store'
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon, LinkIcon } from '../ui/icons'
import { INTERNAL_DRAG_TYPE } from './referenceSources'

interface Props {
  reference: ReferenceInfo
  index: number
  count: number
  dragFrom: number | null
  onDragFrom: (index: number | null) => void
  onMove: (from: number, to: number) => void
  tileRef: (node: HTMLLIElement | null) => void
}

export function ReferenceTile({ reference, index, count, dragFrom, onDragFrom, onMove, tileRef }: Props) {
  const removeReference = useStudio((s) => s.removeReference)
  const [dropTarget, setDropTarget] = useState(false)
  const n = index + 1
  const name = reference.name ?? (reference.url ? hostOf(reference.url) : `image ${n}`)

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) return
    if (event.altKey && event.key === 'ArrowLeft' && index > 0) {
      event.preventDefault()
      onMove(index, index - 1)
    } else if (event.altKey && event.key === 'ArrowRight' && index < count - 1) {
      event.preventDefault()
      onMove(index, index + 1)
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault()
      removeReference(index)
    }
  }

  const isInternal = (event: DragEvent) => Array.from(event.dataTransfer.types).includes(INTERNAL_DRAG_TYPE)

  return (
    <li
      ref={tileRef}
      className={`ref-tile ${dragFrom === index ? 'dragging' : ''} ${dropTarget ? 'drop-target' : ''}`}
      tabIndex={0}
      draggable
      aria-label={`Reference ${n} of ${count}: ${name}. Alt+Arrow keys move it, Delete removes it.`}
      onKeyDown={onKeyDown}
      onDragStart={(event) => {
        event.dataTransfer.setData(INTERNAL_DRAG_TYPE, String(index))
        event.dataTransfer.effectAllowed = 'move'
        onDragFrom(index)
      }}
      onDragEnd={() => onDragFrom(null)}
      onDragOver={(event) => {
        if (!isInternal(event)) return
        event.preventDefault()
        event.dataTransfer.dropEffect = 'move'
        setDropTarget(true)
      }}
      onDragLeave={() => setDropTarget(false)}
      onDrop={(event) => {
        setDropTarget(false)
        if (!isInternal(event)) return
        event.preventDefault()
        const from = Number(event.dataTransfer.getData(INTERNAL_DRAG_TYPE))
        if (Number.isInteger(from)) onMove(from, index)
        onDragFrom(null)
      }}
    >
      <div className="ref-thumb">
        {reference.path ? (
          <img src={atelier.mediaUrl(reference.path)} alt="" draggable={false} decoding="async" />
        ) : (
          <div className="ref-link">
            <LinkIcon size={18} />
            <span>{reference.url ? hostOf(reference.url) : 'Link'}</span>
          </div>
        )}
        <span className="ref-number" aria-hidden="true">
          {n}
        </span>
        <button
          type="button"
          className="ref-remove"
          aria-label={`Remove reference ${n}`}
          title="Remove"
          onClick={() => removeReference(index)}
        >
          <CloseIcon size={12} />
        </button>
        {count > 1 && (
          <div className="ref-move">
            <button
              type="button"
              className="ref-move-button"
              aria-label={`Move reference ${n} left`}
              disabled={index === 0}
              onClick={() => onMove(index, index - 1)}
            >
              <ChevronLeftIcon size={14} />
            </button>
            <button
              type="button"
              className="ref-move-button"
              aria-label={`Move reference ${n} right`}
              disabled={index === count - 1}
              onClick={() => onMove(index, index + 1)}
            >
              <ChevronRightIcon size={14} />
            </button>
          </div>
        )}
      </div>
      <div className="ref-meta" title={describeReference(reference)}>
        {sizeLine(reference)}
      </div>
    </li>
  )
}

function sizeLine(reference: ReferenceInfo): string {
  if (reference.kind === 'url') {
    return reference.originalBytes !== null ? `${formatBytes(reference.originalBytes)} · sent as link` : 'Sent as link'
  }
  const { originalBytes, preparedBytes } = reference
  if (originalBytes !== null && preparedBytes !== null && originalBytes !== preparedBytes) {
    return `${formatBytes(originalBytes)} → ${formatBytes(preparedBytes)}`
  }
  return formatBytes(preparedBytes ?? originalBytes)
}

function describeReference(reference: ReferenceInfo): string {
  const parts = [reference.name ?? reference.url ?? 'Reference']
  if (reference.width && reference.height) parts.push(`${reference.width}×${reference.height}`)
  return parts.join(' · ')
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return url
  }
}
