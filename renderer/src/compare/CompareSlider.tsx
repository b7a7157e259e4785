/**
 * Two images in one place: position 1 ("before") shows left of the divider,
 * position 2 ("after") right of it. The divider is an ARIA slider: arrows move
 * it by 5 %, Page Up/Down by 20 %, Home/End to either edge; it can be dragged.
 * It takes focus when the slider is switched on, so the arrows move it at once.
 * Zoom and pan apply to both images together.
 */
import { useCallback, useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react'
import { useZoomPan, type Zoom } from '../ui/zoomPan'
import { splitForKey } from './arrange'
import { CompareImage } from './ComparePane'
import type { ComparePane } from './panes'

interface Props {
  before: ComparePane
  after: ComparePane
  zoom: Zoom
  onZoom: (zoom: Zoom) => void
  /** How much of the width shows `before`, 0–100. */
  split: number
  onSplit: (split: number) => void
}

export function CompareSlider({ before, after, zoom, onZoom, split, onSplit }: Props) {
  const { ref, handlers, zoomed } = useZoomPan(zoom, onZoom)
  const stage = useRef<HTMLDivElement | null>(null)
  const dragging = useRef(false)
  const handle = useRef<HTMLDivElement>(null)
  useEffect(() => handle.current?.focus(), [])
  const setStage = useCallback(
    (element: HTMLDivElement | null) => {
      stage.current = element
      ref(element)
    },
    [ref],
  )

  const splitAt = (clientX: number) => {
    const rect = stage.current?.getBoundingClientRect()
    if (!rect || rect.width === 0) return
    onSplit(Math.round(Math.min(100, Math.max(0, ((clientX - rect.left) / rect.width) * 100))))
  }
  const onHandleDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    // The divider moves; the images underneath do not pan.
    event.stopPropagation()
    event.preventDefault()
    dragging.current = true
    event.currentTarget.setPointerCapture(event.pointerId)
    event.currentTarget.focus()
  }
  const onHandleMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) splitAt(event.clientX)
  }
  const onHandleUp = () => {
    dragging.current = false
  }
  const onHandleKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = splitForKey(split, event.key)
    if (next === null) return
    // The arrows move the divider here instead of panning the images.
    event.preventDefault()
    event.stopPropagation()
    onSplit(next)
  }

  return (
    <div ref={setStage} className="compare-slider" data-zoomed={zoomed || undefined} {...handlers}>
      <div className="compare-layer">
        <CompareImage pane={after} zoom={zoom} />
      </div>
      <div
        className="compare-layer before"
        style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}
        data-testid="compare-before"
      >
        <CompareImage pane={before} zoom={zoom} />
      </div>
      <div className="compare-divider" style={{ left: `${split}%` }}>
        <div
          ref={handle}
          className="compare-handle"
          role="slider"
          tabIndex={0}
          aria-label="Before and after"
          aria-orientation="horizontal"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={split}
          aria-valuetext={`${split}% position 1, ${100 - split}% position 2`}
          onKeyDown={onHandleKey}
          onPointerDown={onHandleDown}
          onPointerMove={onHandleMove}
          onPointerUp={onHandleUp}
          onPointerCancel={onHandleUp}
        />
      </div>
      <span className="compare-side left" aria-hidden="true">
        1
      </span>
      <span className="compare-side right" aria-hidden="true">
        2
      </span>
    </div>
  )
}
