/**
 * While the library is not shown (the app opens on the studio), its first page
 * of thumbnails is fetched and decoded in idle time, so opening the library
 * paints its first screen from cache instead of waiting for dozens of images.
 */
import { useEffect } from 'react'
import { useLibrary } from '../stores/library/store'
import { GRID_MIN_CELL } from './LibraryGrid'
import { prefetchThumbnail, thumbnailUrl, thumbSizeFor } from './thumbnailPrefetch'

/** Enough for a large window's first screen; a page is 60. */
const FIRST_SCREEN = 48

export function usePrefetchFirstScreen(active: boolean): void {
  const firstPage = useLibrary((s) => s.pages[0])
  useEffect(() => {
    if (active || !firstPage) return
    // The grid is not laid out yet: its cells are at least GRID_MIN_CELL wide, and most windows make them about that.
    const size = thumbSizeFor(GRID_MIN_CELL, window.devicePixelRatio || 1)
    const urls = firstPage.slice(0, FIRST_SCREEN).flatMap((g) => thumbnailUrl(g, size) ?? [])
    const start = () => urls.forEach(prefetchThumbnail)
    const idle =
      typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 500 }) : setTimeout(start, 50)
    return () => {
      if (typeof cancelIdleCallback === 'function' && typeof idle === 'number') cancelIdleCallback(idle)
      else clearTimeout(idle as ReturnType<typeof setTimeout>)
    }
  }, [active, firstPage])
}
