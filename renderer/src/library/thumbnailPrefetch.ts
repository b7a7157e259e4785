/**
 * Thumbnails fetched and decoded before their cells exist, so a cell that
 * scrolls onto the screen paints from the image cache instead of starting a
 * request. `decode()` runs off the main thread; holding the Image keeps the
 * decoded pixels alive until the cell takes them over. Bounded: the oldest are
 * let go first, so memory stays flat however far one scrolls.
 */
import type { Generation } from '../../../shared/domain'
import { atelier } from '../api/client'

/** About three screens of a large window's cells. */
const HELD = 180

const held = new Map<string, HTMLImageElement>()

/** The thumbnail's URL, when the cell would show one. */
export function thumbnailUrl(generation: Generation): string | null {
  return generation.status === 'completed' && generation.image && !generation.image.missing
    ? atelier.mediaUrl(generation.image.thumbPath)
    : null
}

export function prefetchThumbnail(url: string): void {
  const known = held.get(url)
  if (known) {
    // Most recently wanted last, so it is let go last.
    held.delete(url)
    held.set(url, known)
    return
  }
  const image = new Image()
  image.decoding = 'async'
  image.src = url
  // A failure is the cell's business: it shows its own error state when it asks.
  image.decode().catch(() => undefined)
  held.set(url, image)
  for (const oldest of held.keys()) {
    if (held.size <= HELD) break
    held.delete(oldest)
  }
}
