/**
 * Zoom and pan of an image fitted to a box: the one rule the viewer and compare
 * share. A zoom is a scale (1 = fitted) and an offset of the image's centre
 * from the box's centre in screen pixels; the box owns no state, so several
 * boxes given the same zoom move together (compare's synchronized panes).
 */
import { useEffect, useRef, useState, type MouseEvent, type PointerEvent } from 'react'

export interface Zoom {
  scale: number
  x: number
  y: number
}

export const FIT: Zoom = { scale: 1, x: 0, y: 0 }
const MAX_SCALE = 8
/** One press of +/− (or a zoom button). */
export const ZOOM_STEP = 1.5
/** One press of an arrow key, in screen pixels. */
export const PAN_STEP = 48

export const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(1, scale))

/** Zooms by `factor` keeping the point `at` (relative to the box's centre) where it is. */
export function zoomAround(zoom: Zoom, factor: number, at: { x: number; y: number } = { x: 0, y: 0 }): Zoom {
  const scale = clampScale(zoom.scale * factor)
  if (scale === 1) return FIT
  const ratio = scale / zoom.scale
  return { scale, x: at.x - (at.x - zoom.x) * ratio, y: at.y - (at.y - zoom.y) * ratio }
}

/** Moves a zoomed image; a fitted one has nowhere to go. */
export function panBy(zoom: Zoom, dx: number, dy: number): Zoom {
  return zoom.scale === 1 ? zoom : { ...zoom, x: zoom.x + dx, y: zoom.y + dy }
}

/** The zoom keys both screens use: + (or =) in, − out, 0 back to fitted. Null for any other key. */
export function zoomForKey(zoom: Zoom, key: string): Zoom | null {
  switch (key) {
    case '+':
    case '=':
      return zoomAround(zoom, ZOOM_STEP)
    case '-':
      return zoomAround(zoom, 1 / ZOOM_STEP)
    case '0':
      return FIT
    default:
      return null
  }
}

/** Arrow keys pan (the image moves the way the arrow points). Null for any other key. */
export function panForKey(zoom: Zoom, key: string): Zoom | null {
  switch (key) {
    case 'ArrowLeft':
      return panBy(zoom, -PAN_STEP, 0)
    case 'ArrowRight':
      return panBy(zoom, PAN_STEP, 0)
    case 'ArrowUp':
      return panBy(zoom, 0, -PAN_STEP)
    case 'ArrowDown':
      return panBy(zoom, 0, PAN_STEP)
    default:
      return null
  }
}

export const zoomTransform = (zoom: Zoom): string => `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})`

/** Where a pointer event is, relative to the centre of the element it is bound to. */
function fromCentre(element: Element, event: { clientX: number; clientY: number }) {
  const rect = element.getBoundingClientRect()
  return { x: event.clientX - rect.left - rect.width / 2, y: event.clientY - rect.top - rect.height / 2 }
}

/**
 * The pointer side of zoom and pan for one box: the wheel zooms around the
 * pointer, a drag pans once zoomed, a double-click toggles between fitted and
 * 2.5×. Spread `handlers` on the box and give it `ref`.
 */
export function useZoomPan(zoom: Zoom, onZoom: (zoom: Zoom) => void) {
  // A callback ref: the box may appear later (an image that was still loading).
  const [element, setElement] = useState<HTMLElement | null>(null)
  const drag = useRef<{ x: number; y: number; from: Zoom } | null>(null)
  const zoomRef = useRef(zoom)
  useEffect(() => {
    zoomRef.current = zoom
  }, [zoom])

  // A non-passive wheel listener: the page must not scroll while the image zooms.
  useEffect(() => {
    if (!element) return
    const onWheel = (event: WheelEvent) => {
      event.preventDefault()
      onZoom(zoomAround(zoomRef.current, Math.exp(-event.deltaY * 0.0015), fromCentre(element, event)))
    }
    element.addEventListener('wheel', onWheel, { passive: false })
    return () => element.removeEventListener('wheel', onWheel)
  }, [element, onZoom])

  const endDrag = () => {
    drag.current = null
  }
  const handlers = {
    onPointerDown(event: PointerEvent<HTMLElement>) {
      if (zoom.scale === 1 || event.button !== 0) return
      event.preventDefault()
      drag.current = { x: event.clientX, y: event.clientY, from: zoom }
      event.currentTarget.setPointerCapture(event.pointerId)
    },
    onPointerMove(event: PointerEvent<HTMLElement>) {
      const start = drag.current
      if (!start) return
      onZoom({ ...start.from, x: start.from.x + event.clientX - start.x, y: start.from.y + event.clientY - start.y })
    },
    onPointerUp: endDrag,
    onPointerCancel: endDrag,
    onDoubleClick(event: MouseEvent<HTMLElement>) {
      onZoom(zoom.scale > 1 ? FIT : zoomAround(zoom, 2.5, fromCentre(event.currentTarget, event)))
    },
  }
  return { ref: setElement, handlers, zoomed: zoom.scale > 1 }
}
