/**
 * Which rows of the grid are on screen. Every row has the same height, so this
 * is arithmetic on `scrollTop` — constant time and memory per scroll, whatever
 * the row count (a general virtualizer keeps a measurement per row: 200 000 of
 * them at a million images).
 *
 * Browsers cap an element's height (Chromium at about 33.5 million px, a
 * million images at five columns is 45 million), so past MAX_SCROLL_HEIGHT the
 * scroll range is compressed: the scrollbar maps proportionally onto the rows
 * (a drag to 70 % shows the image 70 % of the way), a wheel still moves them by
 * its own distance, and a row's real top is its virtual top less `shift`.
 * Below it, `shift` is 0 and rows stay put while the browser scrolls them; the
 * window changes only when a row enters or leaves it.
 */
import { useLayoutEffect, useState, type RefObject } from 'react'
import { flushSync } from 'react-dom'

/** Well under every engine's cap, and small enough that transforms keep sub-pixel precision. */
export const MAX_SCROLL_HEIGHT = 8_000_000

export interface GridWindowOptions {
  rowCount: number
  /** A row's height including the gap below it. */
  rowHeight: number
  /** Space above the first row and below the last. */
  padding: number
  /** Rows rendered beyond each edge of the screen. */
  overscan: number
}

export interface GridWindow {
  /** First and last row to render, overscan included (last < first when there are none). */
  firstRow: number
  lastRow: number
  /** The scrolled content's height in real px. */
  height: number
  /** Virtual minus real px (as of this render): a row's top in the layer is padding + index × rowHeight − shift. */
  shift: number
  /** The way the grid last moved (down while it has not). */
  forward: boolean
}

interface Placement {
  firstRow: number
  lastRow: number
  shift: number
  forward: boolean
}

/** The scroll geometry: the rows' full (virtual) height, the real one, and how many virtual px a real one stands for. */
export function geometry(options: GridWindowOptions, viewport: number) {
  const virtualHeight = options.padding * 2 + options.rowCount * options.rowHeight
  const height = Math.min(virtualHeight, MAX_SCROLL_HEIGHT)
  const ratio = virtualHeight > height && height > viewport ? (virtualHeight - viewport) / (height - viewport) : 1
  return { virtualHeight, height, ratio, virtualMax: Math.max(0, virtualHeight - viewport) }
}

export function place(
  virtualTop: number,
  top: number,
  viewport: number,
  forward: boolean,
  options: GridWindowOptions,
): Placement {
  const { rowCount, rowHeight, padding, overscan } = options
  const firstRow = Math.max(0, Math.floor((virtualTop - padding) / rowHeight) - overscan)
  const lastRow = Math.min(rowCount - 1, Math.floor((virtualTop + viewport - padding) / rowHeight) + overscan)
  return { firstRow, lastRow, shift: virtualTop - top, forward }
}

/** How far the rendered rows' shift may drift from the true one (the layer slides by the difference). */
const REBASE_PX = 50_000

/** After the last scroll or wheel, this long until the cells take the pointer again. */
const HOVER_PAUSE_MS = 150

/** A wheel event's distance in px. */
const wheelPixels = (event: WheelEvent, viewport: number) =>
  event.deltaY * (event.deltaMode === 1 ? 40 : event.deltaMode === 2 ? viewport : 1)

/**
 * `layer` holds the rows: compressed, the hook slides it by the part of each scroll that React has
 * not rendered yet, so a frame re-renders the grid only when a row enters or leaves it.
 */
export function useGridWindow(
  scroller: RefObject<HTMLElement | null>,
  layer: RefObject<HTMLElement | null>,
  options: GridWindowOptions,
): GridWindow {
  const { rowCount, rowHeight, padding, overscan } = options
  const [placement, setPlacement] = useState<Placement>({ firstRow: 0, lastRow: -1, shift: 0, forward: true })

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element || rowCount === 0) return
    const current = { rowCount, rowHeight, padding, overscan }
    let viewport = element.clientHeight
    let shape = geometry(current, viewport)
    /** Where the rows are scrolled to, in virtual px; and the real scrollTop that stands for it. */
    let virtualTop = element.scrollTop * shape.ratio
    let realTop = element.scrollTop
    let forward = true
    let last: Placement | null = null
    // Unknown until the first slide: a new geometry clears whatever slide the last one left.
    let slid = Number.NaN
    const slide = (offset: number) => {
      if (offset === slid || !layer.current) return
      slid = offset
      layer.current.style.transform = offset === 0 ? '' : `translateY(${offset}px)`
    }
    const commit = () => {
      const next = place(virtualTop, realTop, viewport, forward, current)
      if (last && last.firstRow === next.firstRow && last.lastRow === next.lastRow && last.forward === next.forward) {
        // The same rows, compressed: slide them (rendered with last.shift) instead of rendering again.
        slide(last.shift - next.shift)
        return
      }
      // Compressed, rows keep the shift they were rendered with while it is near enough, and the
      // layer slides by the rest: rows already on screen keep their props, so only the rows that
      // enter render (the grid's rows are memoized).
      const shift = last && Math.abs(last.shift - next.shift) < REBASE_PX ? last.shift : next.shift
      const placed = { ...next, shift }
      last = placed
      // Compressed, rows are placed at once, so the frame shows them where they belong. Otherwise the
      // browser moves them and React only adds and drops rows, when it can.
      if (next.shift !== 0 || slid !== 0) {
        flushSync(() => setPlacement(placed))
        slide(shift - next.shift)
      } else setPlacement(placed)
    }
    // While the grid moves, the cells take no pointer: a pointer resting on the grid would otherwise
    // hit-test and hover (star, tick, caption) every cell that passes under it, each a render.
    let still = 0
    const moving = () => {
      if (still) clearTimeout(still)
      else element.dataset.scrolling = ''
      still = window.setTimeout(() => {
        still = 0
        delete element.dataset.scrolling
      }, HOVER_PAUSE_MS)
    }
    const moveTo = (nextVirtual: number, nextReal: number) => {
      if (nextVirtual !== virtualTop) forward = nextVirtual > virtualTop
      virtualTop = nextVirtual
      realTop = nextReal
      commit()
    }
    // The browser scrolled (its own wheel handling, the scrollbar, keys): the scrollbar maps proportionally.
    const onScroll = () => {
      moving()
      const top = element.scrollTop
      if (Math.abs(top - realTop) < 1) return // the position the wheel below set
      moveTo(top * shape.ratio, top)
    }
    // Compressed, a wheel moves the rows by its own distance (not `ratio` times it), eased over a few
    // frames as the browser's own smooth scrolling would; the scrollbar follows proportionally.
    let target = 0
    let easing = 0
    const ease = () => {
      const step = target - virtualTop
      const nextVirtual = Math.abs(step) < 1 ? target : virtualTop + step * 0.3
      const nextReal = Math.round(nextVirtual / shape.ratio)
      element.scrollTop = nextReal
      moveTo(nextVirtual, element.scrollTop)
      easing = nextVirtual === target ? 0 : requestAnimationFrame(ease)
    }
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey || event.deltaY === 0) return
      event.preventDefault()
      moving()
      target = Math.min(shape.virtualMax, Math.max(0, (easing ? target : virtualTop) + wheelPixels(event, viewport)))
      easing ||= requestAnimationFrame(ease)
    }
    // Only while compressed: a wheel listener that may cancel makes the browser wait for this
    // thread before it scrolls, which an ordinary grid must not.
    let wheeling = false
    const listenToWheel = () => {
      if (wheeling === shape.ratio > 1) return
      wheeling = shape.ratio > 1
      if (wheeling) element.addEventListener('wheel', onWheel, { passive: false })
      else element.removeEventListener('wheel', onWheel)
    }
    const resized = new ResizeObserver(() => {
      viewport = element.clientHeight
      shape = geometry(current, viewport)
      realTop = element.scrollTop
      virtualTop = realTop * shape.ratio
      listenToWheel()
      commit()
    })
    commit()
    element.addEventListener('scroll', onScroll, { passive: true })
    listenToWheel()
    resized.observe(element)
    return () => {
      cancelAnimationFrame(easing)
      clearTimeout(still)
      delete element.dataset.scrolling
      element.removeEventListener('scroll', onScroll)
      element.removeEventListener('wheel', onWheel)
      resized.disconnect()
    }
  }, [scroller, layer, rowCount, rowHeight, padding, overscan])

  // Rows that no longer exist (the view shrank, or is hidden) are not rendered before the next placement.
  return {
    ...placement,
    lastRow: Math.min(placement.lastRow, rowCount - 1),
    height: rowCount === 0 ? 0 : geometry(options, 0).height,
  }
}
