/**
 * The grid's content width: read at once when the library is shown (so the
 * first screen is laid out in the same frame, not one ResizeObserver round
 * later), then kept current with a ResizeObserver. 0 while hidden.
 */
import { useLayoutEffect, useState, type RefObject } from 'react'

export function useGridWidth(ref: RefObject<HTMLElement | null>, active: boolean): number {
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    if (active) setWidth(element.clientWidth)
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0]
      if (entry) setWidth(entry.contentRect.width)
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref, active])
  return width
}
