/**
 * Keeps the studio's price preview current: asked at start, when a task gets
 * its price (that is also when spending moves), when the limits change in
 * Settings and when the mode does. (Changing the variations asks by itself, in the store.)
 */
import { useEffect } from 'react'
import { useSettings } from '../stores/settings/store'
import { studioStore } from '../stores/studio/store'
import { selectPricedCount } from '../stores/tasks/selectors'
import { useTasks } from '../stores/tasks/store'

export function usePriceQuote(): void {
  const priced = useTasks(selectPricedCount)
  const daily = useSettings((s) => s.settings?.dailySpendLimit ?? null)
  const monthly = useSettings((s) => s.settings?.monthlySpendLimit ?? null)
  // Limits apply only in Live mode: switching modes changes the answer.
  const mode = useSettings((s) => s.app?.mode ?? null)

  useEffect(() => {
    void studioStore.getState().refreshQuote()
  }, [priced, daily, monthly, mode])
}
