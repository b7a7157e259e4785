/** Zoom out, the level (a click fits the image again), zoom in: the viewer's and compare's zoom buttons. */
import { ZoomInIcon, ZoomOutIcon } from '../library/libraryIcons'
import { FIT, zoomAround, ZOOM_STEP, type Zoom } from './zoomPan'
import './zoom.css'

export function ZoomControls({
  zoom,
  onZoom,
  className,
}: {
  zoom: Zoom
  onZoom: (zoom: Zoom) => void
  className?: string
}) {
  const percent = `${Math.round(zoom.scale * 100)}%`
  return (
    <div className={`zoom-controls${className ? ` ${className}` : ''}`} role="group" aria-label="Zoom">
      <button
        type="button"
        className="zoom-button"
        aria-label="Zoom out"
        disabled={zoom.scale <= 1}
        onClick={() => onZoom(zoomAround(zoom, 1 / ZOOM_STEP))}
      >
        <ZoomOutIcon size={16} />
      </button>
      {/* The name starts with what the button shows (WCAG 2.5.3, label in name). */}
      <button type="button" className="zoom-level" aria-label={`${percent}, fit to window`} onClick={() => onZoom(FIT)}>
        {percent}
      </button>
      <button
        type="button"
        className="zoom-button"
        aria-label="Zoom in"
        onClick={() => onZoom(zoomAround(zoom, ZOOM_STEP))}
      >
        <ZoomInIcon size={16} />
      </button>
    </div>
  )
}
