/**
 * While the library is not shown (the app opens on the studio), its first page
 * of thumbnails is fetched and decoded in idle time, so opening the library
 * paints its first screen from cache instead of waiting for dozens of images.
 */
import { useEffect } from 'react'
import type { Generation } from '../../../shared/domain'
import { atelier } from '../api/client'
import { useLibrary } from '../stores/library/store'

/** Enough for a large window's first screen; a page is 60. */
const FIRST_SCREEN = 48

export function usePrefetchFirstScreen(active: boolean): void {
  const firstPage = useLibrary((s) => s.pages[0])
  useEffect(() => {
    if (active || !firstPage) return
    const urls = firstPage
      .slice(0, FIRST_SCREEN)
      .flatMap((g: Generation) =>
        g.status === 'completed' && g.image && !g.image.missing ? [atelier.mediaUrl(g.image.thumbPath)] : [],
      )
    let cancelled = false
    const images: HTMLImageElement[] = []
    const start = () => {
      for (const url of urls) {
        if (cancelled) return
        const image = new Image()
        image.decoding = 'async'
        image.src = url
        // Decoded now, painted later from the image cache; a failure is the grid's business.
        image.decode().catch(() => undefined)
        images.push(image)
      }
    }
    const idle =
      typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 500 }) : setTimeout(start, 50)
    return () => {
      cancelled = true
      if (typeof cancelIdleCallback === 'function' && typeof idle === 'number') cancelIdleCallback(idle)
      else clearTimeout(idle as ReturnType<typeof setTimeout>)
      images.length = 0
    }
  }, [active, firstPage])
}
