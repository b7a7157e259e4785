/**
 * Which rows of the grid are on screen. Every row has the same height, so this
 * is arithmetic on `scrollTop` — constant time and memory per scroll, whatever
 * the row count (a general virtualizer keeps a measurement per row: 200 000 of
 * them at a million images).
 *
 * Browsers cap an element's height (Chromium at about 33.5 million px, a
 * million images at five columns is 45 million), so past MAX_SCROLL_HEIGHT the
 * scroll range is compressed: the scrollbar maps proportionally onto the rows,
 * and a row's real top is its virtual top less `shift`. Below it, `shift` is 0
 * and rows stay put while the browser scrolls them; the window changes only
 * when a row enters or leaves it.
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
  /** Virtual minus real px: a row's real top is padding + index × rowHeight − shift. */
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

function place(top: number, viewport: number, previousTop: number, options: GridWindowOptions): Placement {
  const { rowCount, rowHeight, padding, overscan } = options
  const virtualHeight = padding * 2 + rowCount * rowHeight
  const height = Math.min(virtualHeight, MAX_SCROLL_HEIGHT)
  const ratio = virtualHeight > height && height > viewport ? (virtualHeight - viewport) / (height - viewport) : 1
  const virtualTop = top * ratio
  const firstRow = Math.max(0, Math.floor((virtualTop - padding) / rowHeight) - overscan)
  const lastRow = Math.min(rowCount - 1, Math.floor((virtualTop + viewport - padding) / rowHeight) + overscan)
  return { firstRow, lastRow, shift: virtualTop - top, forward: top >= previousTop }
}

const same = (a: Placement, b: Placement) =>
  a.firstRow === b.firstRow && a.lastRow === b.lastRow && a.shift === b.shift && a.forward === b.forward

export function useGridWindow(scroller: RefObject<HTMLElement | null>, options: GridWindowOptions): GridWindow {
  const { rowCount, rowHeight, padding, overscan } = options
  const [placement, setPlacement] = useState<Placement>({ firstRow: 0, lastRow: -1, shift: 0, forward: true })

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element || rowCount === 0) return
    const current = { rowCount, rowHeight, padding, overscan }
    let previousTop = element.scrollTop
    let viewport = element.clientHeight
    let last: Placement | null = null
    const update = () => {
      const top = element.scrollTop
      const next = place(top, viewport, previousTop, current)
      // A scroll that did not move (a resize) keeps the direction it had.
      if (top === previousTop && last) next.forward = last.forward
      previousTop = top
      if (last && same(last, next)) return
      last = next
      // Compressed, rows move with every scroll: placed in the scroll event itself, so the frame
      // shows them where they belong rather than where the browser's own scrolling took them.
      if (next.shift !== 0) flushSync(() => setPlacement(next))
      else setPlacement(next)
    }
    const resized = new ResizeObserver(() => {
      viewport = element.clientHeight
      update()
    })
    update()
    element.addEventListener('scroll', update, { passive: true })
    resized.observe(element)
    return () => {
      element.removeEventListener('scroll', update)
      resized.disconnect()
    }
  }, [scroller, rowCount, rowHeight, padding, overscan])

  const virtualHeight = padding * 2 + rowCount * rowHeight
  // Rows that no longer exist (the view shrank, or is hidden) are not rendered before the next placement.
  return {
    ...placement,
    lastRow: Math.min(placement.lastRow, rowCount - 1),
    height: rowCount === 0 ? 0 : Math.min(virtualHeight, MAX_SCROLL_HEIGHT),
  }
}
