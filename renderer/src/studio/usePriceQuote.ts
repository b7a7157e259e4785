/**
 * Keeps the studio's price preview current: asked again when the variations
 * change, when a task gets its price (that is also when spending moves), and
 * when the limits change in Settings.
 */
import { useEffect } from 'react'
import { useSettings } from '../stores/settings/store'
import { studioStore, useStudio } from '../stores/studio/store'
import { selectPricedCount } from '../stores/tasks/selectors'
import { useTasks } from '../stores/tasks/store'

export function usePriceQuote(): void {
  const variations = useStudio((s) => s.draft.variations)
  const priced = useTasks(selectPricedCount)
  const daily = useSettings((s) => s.settings?.dailySpendLimit ?? null)
  const monthly = useSettings((s) => s.settings?.monthlySpendLimit ?? null)

  useEffect(() => {
    void studioStore.getState().refreshQuote()
  }, [variations, priced, daily, monthly])
}
