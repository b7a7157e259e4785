/** "≈ $0.12 for 3 images" before sending, from the last price the provider charged. */
import { formatPrice } from '../format/money'
import { useStudio } from '../stores/studio/store'
import { usePriceQuote } from './usePriceQuote'

export function PricePreview() {
  usePriceQuote()
  const quote = useStudio((s) => s.quote)
  const variations = useStudio((s) => s.draft.variations)
  // A quote for other variations is stale: say nothing rather than the wrong amount.
  const current = quote && quote.variations === variations ? quote : null
  const total = formatPrice(current?.total)
  const images = `${variations} image${variations === 1 ? '' : 's'}`
  if (!total) return null

  return (
    <span id="generate-price" className={`generate-price ${current?.wouldExceed ? 'over' : ''}`}>
      ≈ <strong>{total}</strong> for {images}
      {current?.wouldExceed && <> — over your {current.wouldExceed.limit} limit</>}
    </span>
  )
}
