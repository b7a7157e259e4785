/**
 * The screen's device pixel ratio, kept current: it changes when the window
 * moves to a screen of another density, and with the page zoom.
 */
import { useEffect, useState } from 'react'

const current = () => (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1)

export function useDevicePixelRatio(): number {
  const [ratio, setRatio] = useState(current)
  useEffect(() => {
    if (typeof matchMedia !== 'function') return
    // A query for this very ratio stops matching when it changes; then listen for the new one.
    const query = matchMedia(`(resolution: ${ratio}dppx)`)
    const changed = () => setRatio(current())
    query.addEventListener('change', changed)
    return () => query.removeEventListener('change', changed)
  }, [ratio])
  return ratio
}
