/**
 * The full image, fitted to the stage, with zoom (wheel around the pointer,
 * +/−/0 keys, double-click) and pan (drag) once zoomed. The thumbnail shows
 * underneath while the original loads. An image whose file is gone says so
 * instead of showing a broken picture.
 */
import { useEffect, useRef, useState, type PointerEvent } from 'react'
import type { Generation } from '../../../shared/domain'
import { atelier } from '../api/client'
import { libraryStore } from '../stores/library/store'
import { AlertIcon } from '../ui/icons'
import { startDragOut } from '../library/fileActions'

export interface Zoom {
  scale: number
  x: number
  y: number
}

export const FIT: Zoom = { scale: 1, x: 0, y: 0 }
const MAX_SCALE = 8

export const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(1, scale))

/** Zooms by `factor` keeping the point `at` (relative to the stage's centre) where it is. */
export function zoomAround(zoom: Zoom, factor: number, at: { x: number; y: number } = { x: 0, y: 0 }): Zoom {
  const scale = clampScale(zoom.scale * factor)
  if (scale === 1) return FIT
  const ratio = scale / zoom.scale
  return { scale, x: at.x - (at.x - zoom.x) * ratio, y: at.y - (at.y - zoom.y) * ratio }
}

interface Props {
  generation: Generation
  zoom: Zoom
  onZoom: (zoom: Zoom) => void
}

export function ZoomableImage({ generation: g, zoom, onZoom }: Props) {
  const box = useRef<HTMLDivElement>(null)
  const drag = useRef<{ x: number; y: number; from: Zoom } | null>(null)
  const [failed, setFailed] = useState<string | null>(null)
  const zoomRef = useRef(zoom)
  useEffect(() => {
    zoomRef.current = zoom
  }, [zoom])

  // A non-passive wheel listener: the page must not scroll while the image zooms.
  useEffect(() => {
    const element = box.current
    if (!element) return
    const onWheel = (event: WheelEvent) => {
      event.preventDefault()
      const rect = element.getBoundingClientRect()
      const at = { x: event.clientX - rect.left - rect.width / 2, y: event.clientY - rect.top - rect.height / 2 }
      onZoom(zoomAround(zoomRef.current, Math.exp(-event.deltaY * 0.0015), at))
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => element.removeEventListener('wheel', onWheel)
  }, [onZoom])

  if (!g.image) {
    return (
      <div className="viewer-image-box empty">
        <p>
          No image — this generation{' '}
          {g.status === 'failed' || g.status === 'rejected' ? 'did not finish' : 'is not ready yet'}.
        </p>
      </div>
    )
  }
  if (g.image.missing || failed === g.id) {
    return (
      <div className="viewer-image-box empty" role="img" aria-label={`${g.prompt} (image file missing)`}>
        <div className="viewer-missing">
          <AlertIcon size={28} />
          <p className="viewer-missing-title">The image file is missing</p>
          <p>
            It is no longer in the library folder ({g.image.path}). Everything else about it is still here; put the file
            back and it shows again.
          </p>
        </div>
      </div>
    )
  }

  const onPointerDown = (event: PointerEvent) => {
    if (zoom.scale === 1 || event.button !== 0) return
    event.preventDefault()
    drag.current = { x: event.clientX, y: event.clientY, from: zoom }
    ;(event.currentTarget as HTMLElement).setPointerCapture(event.pointerId)
  }
  const onPointerMove = (event: PointerEvent) => {
    const start = drag.current
    if (!start) return
    onZoom({ ...start.from, x: start.from.x + event.clientX - start.x, y: start.from.y + event.clientY - start.y })
  }
  const endDrag = () => {
    drag.current = null
  }
  const onError = () => {
    void libraryStore
      .getState()
      .checkFiles(g.id)
      .then((checked) => {
        if (!checked?.image || checked.image.missing) setFailed(g.id)
      })
  }

  return (
    <div
      ref={box}
      className="viewer-image-box zoomable"
      data-zoomed={zoom.scale > 1 || undefined}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={(event) => {
        const rect = event.currentTarget.getBoundingClientRect()
        const at = { x: event.clientX - rect.left - rect.width / 2, y: event.clientY - rect.top - rect.height / 2 }
        onZoom(zoom.scale > 1 ? FIT : zoomAround(zoom, 2.5, at))
      }}
    >
      <img
        key={g.id}
        className="viewer-image"
        src={atelier.mediaUrl(g.image.path)}
        width={g.image.width}
        height={g.image.height}
        alt={g.prompt}
        decoding="async"
        draggable={zoom.scale === 1}
        onDragStart={(event) => startDragOut(event, [g])}
        onError={onError}
        data-scale={zoom.scale.toFixed(2)}
        // The thumbnail shows at once, underneath, while the full image loads.
        style={{
          backgroundImage: `url("${atelier.mediaUrl(g.image.thumbPath)}")`,
          transform: `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})`,
        }}
      />
    </div>
  )
}
