/** The finished variations made together with a generation (itself included), once asked; empty while unknown. */
import { useEffect, useState } from 'react'
import type { Generation } from '../../../shared/domain'
import { findVariations } from './panes'

export function useVariations(g: Generation): Generation[] {
  const [found, setFound] = useState<{ id: string; items: Generation[] } | null>(null)
  const completed = g.status === 'completed'

  useEffect(() => {
    if (!completed) return
    let cancelled = false
    findVariations(g).then(
      (items) => !cancelled && setFound({ id: g.id, items }),
      // Not knowing the variations only hides the button.
      () => !cancelled && setFound({ id: g.id, items: [] }),
    )
    return () => {
      cancelled = true
    }
    // Asked again when another image is shown or this one finishes; its other fields do not change the answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [g.id, completed])

  return completed && found?.id === g.id ? found.items : []
}
