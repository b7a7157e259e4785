import { MOD_LABEL } from '../app/platform'
import { selectGenerateBlocker } from '../stores/studio/selectors'
import { studioStore, useStudio } from '../stores/studio/store'
import { typicalDuration, typicalText } from '../stores/tasks/estimates'
import { useTasks } from '../stores/tasks/store'
import { ErrorNotice } from '../ui/ErrorNotice'
import { SparkIcon, Spinner } from '../ui/icons'
import { PricePreview } from './PricePreview'
import { SpendLimitDialog } from './SpendLimitDialog'

export function GenerateButton() {
  const blocker = useStudio(selectGenerateBlocker)
  const variations = useStudio((s) => s.draft.variations)
  const aspectRatio = useStudio((s) => s.draft.aspectRatio)
  const references = useStudio((s) => s.draft.references.length)
  const submitting = useStudio((s) => s.submitting)
  const generate = useStudio((s) => s.generate)
  const typical = useTasks((s) => typicalDuration(s.estimates, { aspectRatio, references }))

  return (
    <div className="generate">
      <button
        type="button"
        className="btn primary large generate-button"
        disabled={blocker !== null || submitting}
        aria-describedby="generate-price generate-hint"
        onClick={() => void generate()}
      >
        {submitting ? <Spinner /> : <SparkIcon />}
        {variations > 1 ? `Generate ${variations}` : 'Generate'}
      </button>
      <PricePreview />
      <p id="generate-hint" className={`generate-hint ${blocker ? 'blocked' : ''}`}>
        {blocker ?? (
          <>
            <kbd>{MOD_LABEL}</kbd> <kbd>Enter</kbd> · {typicalText(typical)}
          </>
        )}
      </p>
      <SpendLimitDialog />
    </div>
  )
}

export function SubmitError() {
  const error = useStudio((s) => s.submitError)
  if (!error) return null
  return <ErrorNotice error={error} onDismiss={() => studioStore.setState({ submitError: null })} />
}
