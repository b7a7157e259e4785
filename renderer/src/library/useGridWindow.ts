/**
 * Which rows of the grid are on screen. Every row has the same height, so this
 * is arithmetic on `scrollTop` — constant time and memory per scroll, whatever
 * the row count (a general virtualizer keeps a measurement per row: 200 000 of
 * them at a million images).
 *
 * Browsers cap an element's height (Chromium at about 33.5 million px, a
 * million images at five columns is 45 million), so past MAX_SCROLL_HEIGHT the
 * scroll range is compressed, and a row's real top is its virtual top less
 * `shift`. The browser still does the scrolling (on its compositor thread, so a
 * busy main thread never holds a frame back): a wheel, a key or a touchpad moves
 * the rows by their own distance (`shift` stays put, React only adds and drops
 * rows, however far a busy frame lets one scroll go), while a jump — the
 * scrollbar's thumb dragged, Home, End — maps the
 * scrollbar proportionally onto the rows (a drag to 70 % shows the image 70 % of
 * the way). Near either end of the real range the mapping is re-anchored, so the
 * first and the last row stay reachable (`follow`). Below the cap `shift` is 0.
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

/**
 * Faster than this (screens a second, over the last SPEED_WINDOW_MS), the grid is marked
 * `data-fast` and new thumbnails wait (thumbnailPrefetch.ts): a fling passes cells too fast to
 * see them, and decoding a few hundred a second starves the frames on a small machine.
 */
export const FAST_SCREENS_PER_S = 3
const SPEED_WINDOW_MS = 250
/** No scroll for this long: the fling is over, so far as thumbnails are concerned. */
const FAST_CLEARS_MS = 60

/** Screens a second from position samples `[time, top]`, oldest first, over the window ending at `now`. */
export function scrollSpeed(samples: ReadonlyArray<readonly [number, number]>, now: number, viewport: number): number {
  const recent = samples.filter(([time]) => now - time <= SPEED_WINDOW_MS)
  const first = recent[0]
  const last = recent.at(-1)
  if (!first || !last || last[0] === first[0] || viewport <= 0) return 0
  return Math.abs(last[1] - first[1]) / viewport / ((last[0] - first[0]) / 1000)
}

/**
 * Without a wheel just before it, a scroll of more than this many screens in one event is a jump
 * (the scrollbar's thumb dragged, a key such as Home or End, a script).
 */
const JUMP_SCREENS = 2
/** Within this many screens of either end of the real range, the mapping is re-anchored. */
const ANCHOR_SCREENS = 3
/** A scroll this soon after a wheel event is the wheel's (however far a busy frame let it go). */
export const WHEEL_SCROLL_MS = 400

export interface Followed {
  virtualTop: number
  /** A real scrollTop to set at once (the mapping re-anchored), or null. */
  anchor: number | null
}

/**
 * Where a scroll of the real range to `top` leaves the rows, from where they were: a wheel's
 * scroll or a small step moves them by its own distance; a jump maps the scrollbar proportionally;
 * either end of the real range is that end of the rows. Compressed and near an end of the real
 * range that its mapping cannot reach from there, the position is re-anchored: at its own distance
 * from the nearer true end when that fits in half the range, else proportionally.
 */
export function follow(
  previous: { virtualTop: number; realTop: number },
  top: number,
  viewport: number,
  shape: ReturnType<typeof geometry>,
  wheeled = false,
): Followed {
  if (shape.ratio <= 1) return { virtualTop: top, anchor: null }
  const realMax = shape.height - viewport
  const delta = top - previous.realTop
  const virtualTop =
    top <= 0
      ? 0
      : top >= realMax - 0.5
        ? shape.virtualMax
        : !wheeled && Math.abs(delta) > viewport * JUMP_SCREENS
          ? top * shape.ratio
          : Math.min(shape.virtualMax, Math.max(0, previous.virtualTop + delta))
  const margin = viewport * ANCHOR_SCREENS
  const tooHigh = top < margin && virtualTop - top > 0.5
  const tooLow = top > realMax - margin && shape.virtualMax - virtualTop - (realMax - top) > 0.5
  if (!tooHigh && !tooLow) return { virtualTop, anchor: null }
  const fromEnd = shape.virtualMax - virtualTop
  const anchor =
    virtualTop < realMax / 2 ? virtualTop : fromEnd < realMax / 2 ? realMax - fromEnd : virtualTop / shape.ratio
  return { virtualTop, anchor: Math.round(anchor) }
}

/**
 * `layer` holds the rows: compressed, the hook slides it by the difference between the shift the
 * rows were rendered with and the true one, so a frame re-renders only rows that enter or leave.
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
        // The same rows: compressed after a jump, slide them (rendered with last.shift) instead of rendering again.
        slide(last.shift - next.shift)
        return
      }
      // Compressed, rows keep the shift they were rendered with while it is near enough, and the
      // layer slides by the rest: rows already on screen keep their props, so only the rows that
      // enter render (the grid's rows are memoized).
      const previous = last
      const shift = previous && Math.abs(previous.shift - next.shift) < REBASE_PX ? previous.shift : next.shift
      const placed = { ...next, shift }
      last = placed
      // When the rows' placement changes (compressed: a jump, a re-anchoring), they are placed at once,
      // so the frame shows them where they belong. Otherwise the browser moves them and React only
      // adds and drops rows, when it can.
      const offset = shift - next.shift
      if (offset !== slid || shift !== (previous?.shift ?? 0)) {
        flushSync(() => setPlacement(placed))
        slide(offset)
      } else setPlacement(placed)
    }
    // While the grid moves, cells do not hover (LibraryCell): a pointer resting on the grid would
    // otherwise engage (star, tick, caption) every cell that passes under it, each a render. They
    // still take clicks: one right after a scroll (a key, a touchpad's inertia) must not be lost.
    let still = 0
    const moving = () => {
      if (still) clearTimeout(still)
      else element.dataset.scrolling = ''
      still = window.setTimeout(() => {
        still = 0
        delete element.dataset.scrolling
      }, HOVER_PAUSE_MS)
    }
    // How fast the rows travel: fast enough, and new thumbnails wait until it slows or stops.
    let samples: Array<readonly [number, number]> = []
    let fastTimer = 0
    const clearFast = () => {
      fastTimer = 0
      samples = []
      delete element.dataset.fast
    }
    const measureSpeed = () => {
      const now = performance.now()
      samples = [...samples.filter(([time]) => now - time <= SPEED_WINDOW_MS), [now, virtualTop] as const]
      if (scrollSpeed(samples, now, viewport) > FAST_SCREENS_PER_S) element.dataset.fast = ''
      else delete element.dataset.fast
      if (fastTimer) clearTimeout(fastTimer)
      fastTimer = window.setTimeout(clearFast, FAST_CLEARS_MS)
    }
    const moveTo = (nextVirtual: number, nextReal: number) => {
      if (nextVirtual !== virtualTop) forward = nextVirtual > virtualTop
      virtualTop = nextVirtual
      realTop = nextReal
      commit()
      measureSpeed()
    }
    // A passive listener (it never holds the browser's scrolling back): when the last wheel was.
    let wheeledAt = Number.NEGATIVE_INFINITY
    const onWheel = () => {
      wheeledAt = performance.now()
    }
    // The browser scrolled (a wheel, keys, the scrollbar): the rows follow (see `follow`).
    const onScroll = () => {
      moving()
      const top = element.scrollTop
      if (Math.abs(top - realTop) < 1) return // the position a re-anchoring below set
      const wheeled = performance.now() - wheeledAt < WHEEL_SCROLL_MS
      const next = follow({ virtualTop, realTop }, top, viewport, shape, wheeled)
      if (next.anchor === null) return moveTo(next.virtualTop, top)
      element.scrollTop = next.anchor
      moveTo(next.virtualTop, element.scrollTop)
    }
    const resized = new ResizeObserver(() => {
      viewport = element.clientHeight
      shape = geometry(current, viewport)
      realTop = element.scrollTop
      virtualTop = realTop * shape.ratio
      commit()
    })
    commit()
    element.addEventListener('scroll', onScroll, { passive: true })
    element.addEventListener('wheel', onWheel, { passive: true })
    resized.observe(element)
    return () => {
      clearTimeout(still)
      clearTimeout(fastTimer)
      delete element.dataset.scrolling
      delete element.dataset.fast
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
