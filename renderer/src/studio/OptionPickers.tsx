/** Aspect ratio and variations: segmented controls built on native radios. */
import { ASPECT_RATIOS, MAX_VARIATIONS } from '../../../shared/domain'
import { useStudio } from '../stores/studio/store'
import { RatioIcon } from '../ui/icons'
import { RATIO_LABELS } from '../ui/statusText'

const RATIO_HINTS = {
  auto: 'The model picks the shape',
  '1:1': 'Square',
  '4:3': 'Landscape',
  '3:4': 'Portrait',
} as const

export function AspectRatioPicker() {
  const value = useStudio((s) => s.draft.aspectRatio)
  const setAspectRatio = useStudio((s) => s.setAspectRatio)

  return (
    <div className="option">
      <span id="ratio-label" className="option-label">
        Aspect ratio
      </span>
      <div role="radiogroup" aria-labelledby="ratio-label" className="segmented">
        {ASPECT_RATIOS.map((ratio) => (
          <label key={ratio} title={RATIO_HINTS[ratio]}>
            <input
              type="radio"
              name="aspect-ratio"
              value={ratio}
              checked={value === ratio}
              onChange={() => setAspectRatio(ratio)}
            />
            <RatioIcon ratio={ratio} />
            <span>{RATIO_LABELS[ratio]}</span>
          </label>
        ))}
      </div>
    </div>
  )
}

const COUNTS = Array.from({ length: MAX_VARIATIONS }, (_, i) => i + 1)

export function VariationsPicker() {
  const value = useStudio((s) => s.draft.variations)
  const setVariations = useStudio((s) => s.setVariations)

  return (
    <div className="option">
      <span id="variations-label" className="option-label">
        Variations
      </span>
      <div role="radiogroup" aria-labelledby="variations-label" className="segmented">
        {COUNTS.map((count) => (
          <label key={count} title={`${count} image${count === 1 ? '' : 's'}, each a separate task`}>
            <input
              type="radio"
              name="variations"
              value={count}
              checked={value === count}
              onChange={() => setVariations(count)}
              aria-label={`${count} image${count === 1 ? '' : 's'}`}
            />
            <span aria-hidden="true">{count}</span>
          </label>
        ))}
      </div>
    </div>
  )
}
