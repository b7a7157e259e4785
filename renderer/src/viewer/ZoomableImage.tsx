/**
 * The full image, fitted to the stage, with zoom (wheel around the pointer,
 * +/−/0 keys, double-click) and pan (drag) once zoomed. The thumbnail shows
 * underneath while the original loads. An image whose file is gone says so
 * instead of showing a broken picture.
 */
import { useState } from 'react'
import type { Generation } from '../../../shared/domain'
import { atelier } from '../api/client'
import { libraryStore } from '../stores/library/store'
import { AlertIcon } from '../ui/icons'
import { useZoomPan, zoomTransform, type Zoom } from '../ui/zoomPan'
import '../ui/zoom.css'
import { startDragOut } from '../library/fileActions'

interface Props {
  generation: Generation
  zoom: Zoom
  onZoom: (zoom: Zoom) => void
}

export function ZoomableImage({ generation: g, zoom, onZoom }: Props) {
  const [failed, setFailed] = useState<string | null>(null)
  const { ref, handlers, zoomed } = useZoomPan(zoom, onZoom)

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

  const onError = () => {
    void libraryStore
      .getState()
      .checkFiles(g.id)
      .then((checked) => {
        if (!checked?.image || checked.image.missing) setFailed(g.id)
      })
  }

  return (
    <div ref={ref} className="viewer-image-box zoomable" data-zoomed={zoomed || undefined} {...handlers}>
      <img
        key={g.id}
        className="zoom-image viewer-image"
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
          transform: zoomTransform(zoom),
        }}
      />
    </div>
  )
}
