/**
 * One position in compare: its number (the key that focuses it), what the
 * image is, and its buttons — move left/right, take it out of the comparison,
 * keep it. Below, the image itself, zoomed and panned with all the others.
 */
import type { ReactNode, Ref } from 'react'
import { atelier } from '../api/client'
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon, StarIcon } from '../ui/icons'
import { useZoomPan, zoomTransform, type Zoom } from '../ui/zoomPan'
import '../ui/zoom.css'
import type { ComparePane } from './panes'

interface PaneProps {
  ref: Ref<HTMLDivElement>
  pane: ComparePane
  position: number
  count: number
  active: boolean
  canKeep: boolean
  busy: boolean
  onFocus: () => void
  onMove: (to: number) => void
  onRemove: () => void
  onKeep: () => void
  children: ReactNode
}

export function ComparePaneView({
  ref,
  pane,
  position,
  count,
  active,
  canKeep,
  busy,
  onFocus,
  onMove,
  onRemove,
  onKeep,
  children,
}: PaneProps) {
  const number = position + 1
  return (
    <div
      ref={ref}
      className="compare-pane"
      role="group"
      aria-label={`Position ${number}: ${pane.label}`}
      tabIndex={0}
      data-active={active || undefined}
      data-key={pane.key}
      onFocus={onFocus}
    >
      <div className="compare-pane-head">
        <span className="compare-badge" aria-hidden="true">
          {number}
        </span>
        <span className="compare-label" title={pane.label}>
          {pane.label}
        </span>
        {pane.favorite && (
          <span className="compare-favourite" role="img" aria-label="Favourite">
            <StarIcon size={14} filled />
          </span>
        )}
        <button
          type="button"
          className="compare-tool"
          aria-label="Move left"
          title={`Move to position ${number - 1} (Shift+${number - 1})`}
          disabled={position === 0}
          onClick={() => onMove(position - 1)}
        >
          <ChevronLeftIcon size={14} />
        </button>
        <button
          type="button"
          className="compare-tool"
          aria-label="Move right"
          title={`Move to position ${number + 1} (Shift+${number + 1})`}
          disabled={position === count - 1}
          onClick={() => onMove(position + 1)}
        >
          <ChevronRightIcon size={14} />
        </button>
        <button
          type="button"
          className="compare-tool"
          aria-label="Remove from comparison"
          title="Remove from the comparison (the image stays in the library)"
          disabled={count <= 2}
          onClick={onRemove}
        >
          <CloseIcon size={14} />
        </button>
        {canKeep && (
          <button
            type="button"
            className="compare-tool keep"
            title="Favourite this one and move the other results to the trash"
            disabled={busy}
            onClick={onKeep}
          >
            <StarIcon size={14} />
            Keep
          </button>
        )}
      </div>
      {children}
    </div>
  )
}

/** The picture of a pane, fitted to its box; the wheel, a drag and a double-click zoom and pan every pane at once. */
export function PaneImage({ pane, zoom, onZoom }: { pane: ComparePane; zoom: Zoom; onZoom: (zoom: Zoom) => void }) {
  const { ref, handlers, zoomed } = useZoomPan(zoom, onZoom)
  if (!pane.path) {
    return (
      <div className="compare-image-box empty">
        <p>{pane.absent}</p>
      </div>
    )
  }
  return (
    <div ref={ref} className="compare-image-box" data-zoomed={zoomed || undefined} {...handlers}>
      <CompareImage pane={pane} zoom={zoom} />
    </div>
  )
}

/** The image with the shared zoom applied; the thumbnail shows underneath while the original loads. */
export function CompareImage({ pane, zoom }: { pane: ComparePane; zoom: Zoom }) {
  if (!pane.path) return null
  return (
    <img
      className="zoom-image compare-image"
      src={atelier.mediaUrl(pane.path)}
      alt={pane.label}
      decoding="async"
      draggable={false}
      data-scale={zoom.scale.toFixed(2)}
      style={{
        backgroundImage: pane.thumbPath ? `url("${atelier.mediaUrl(pane.thumbPath)}")` : undefined,
        transform: zoomTransform(zoom),
      }}
    />
  )
}
