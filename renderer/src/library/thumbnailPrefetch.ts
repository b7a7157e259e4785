/**
 * Thumbnails fetched and decoded before their cells exist, so a cell that
 * scrolls onto the screen paints from the image cache instead of starting a
 * request. `decode()` runs off the main thread; holding the Image keeps the
 * decoded pixels alive until the cell takes them over. Bounded: the oldest are
 * let go first, so memory stays flat however far one scrolls.
 *
 * Starting a load costs the main thread (the request, then the body and the
 * image's bookkeeping as it arrives: about 2 ms a thumbnail here), so new loads
 * start at most LOADS_PER_FRAME an animation frame while the grid moves
 * (`data-scrolling`, set by useGridWindow): a page arriving during a fling, or
 * a burst of prefetches, is spread over frames instead of making one long
 * frame. Cells go before prefetches; a cell whose thumbnail is already held
 * (prefetched, or on its way), or whose grid stands still (the first screen),
 * takes it at once, and one that left the screen before its turn is never
 * loaded. While a grid travels faster than a few screens a second (`data-fast`,
 * useGridWindow.ts) no new load starts at all: the cells fly past unseen, and
 * their decoding would take the frames; what is on screen loads as it slows.
 */
import type { Generation } from '../../../shared/domain'
import { gridThumbFits, smallThumbPath } from '../../../shared/thumbnails'
import { atelier } from '../api/client'

/** About three screens of a large window's cells. */
const HELD = 180
/** New loads started per animation frame (cells first, then prefetches). */
const LOADS_PER_FRAME = 6

const held = new Map<string, HTMLImageElement>()
/** Cells waiting for their turn, in order; and prefetches after them. */
const waitingCells = new Map<HTMLImageElement, string>()
const waitingPrefetches = new Set<string>()
let frame = 0

/**
 * Which of a result's thumbnails a cell shows (shared/thumbnails.ts): the grid's own size where it
 * fills the cell, else the 512 px one.
 */
export type ThumbSize = 'grid' | 'full'

export function thumbSizeFor(cellCssPx: number, devicePixelRatio: number): ThumbSize {
  return gridThumbFits(cellCssPx, devicePixelRatio) ? 'grid' : 'full'
}

/** The thumbnail's URL, when the cell would show one. */
export function thumbnailUrl(generation: Generation, size: ThumbSize): string | null {
  if (generation.status !== 'completed' || !generation.image || generation.image.missing) return null
  const { thumbPath } = generation.image
  return atelier.mediaUrl(size === 'grid' ? smallThumbPath(thumbPath) : thumbPath)
}

function hold(url: string, image: HTMLImageElement): void {
  held.set(url, image)
  for (const oldest of held.keys()) {
    if (held.size <= HELD) break
    held.delete(oldest)
  }
}

function startPrefetch(url: string): void {
  const image = new Image()
  image.decoding = 'async'
  image.src = url
  // A failure is the cell's business: it shows its own error state when it asks.
  image.decode().catch(() => undefined)
  hold(url, image)
}

/** A grid is flinging (useGridWindow marks it). */
function flinging(): boolean {
  return typeof document !== 'undefined' && document.querySelector('[data-fast]') !== null
}

function pump(): void {
  frame = 0
  let budget = flinging() ? 0 : LOADS_PER_FRAME
  for (const [img, url] of waitingCells) {
    if (budget === 0) break
    waitingCells.delete(img)
    if (!img.isConnected) continue
    img.src = url
    budget -= 1
  }
  for (const url of waitingPrefetches) {
    if (budget === 0) break
    waitingPrefetches.delete(url)
    if (held.has(url)) continue
    startPrefetch(url)
    budget -= 1
  }
  if (waitingCells.size > 0 || waitingPrefetches.size > 0) schedule()
}

function schedule(): void {
  if (frame) return
  if (typeof requestAnimationFrame !== 'function') return pump()
  frame = requestAnimationFrame(pump)
}

export function prefetchThumbnail(url: string): void {
  const known = held.get(url)
  if (known) {
    // Most recently wanted last, so it is let go last.
    held.delete(url)
    held.set(url, known)
    return
  }
  waitingPrefetches.add(url)
  schedule()
}

/**
 * Shows `url` in a cell's image: at once when it is held (prefetched or on its way), otherwise in
 * its turn. Returns the cancel for a cell that goes away or changes its thumbnail first.
 */
export function showThumbnail(img: HTMLImageElement, url: string): () => void {
  if (held.has(url) || img.getAttribute('src') === url || !img.closest('[data-scrolling]')) {
    img.src = url
    return () => undefined
  }
  waitingCells.set(img, url)
  waitingPrefetches.delete(url)
  schedule()
  return () => {
    waitingCells.delete(img)
  }
}
