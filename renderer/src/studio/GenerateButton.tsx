import { MOD_LABEL } from '../app/platform'
import { selectGenerateBlocker } from '../stores/studio/selectors'
import { studioStore, useStudio } from '../stores/studio/store'
import { useStyles } from '../stores/styles/store'
import { typicalDuration, typicalText } from '../stores/tasks/estimates'
import { useTasks } from '../stores/tasks/store'
import { ErrorNotice } from '../ui/ErrorNotice'
import { SparkIcon, Spinner } from '../ui/icons'
import { PricePreview } from './PricePreview'
import { SpendLimitDialog } from './SpendLimitDialog'

export function GenerateButton() {
  const styles = useStyles((s) => s.styles)
  const blocker = useStudio((s) => selectGenerateBlocker(s, styles))
  const variations = useStudio((s) => s.draft.variations)
  const submitting = useStudio((s) => s.submitting)
  const generate = useStudio((s) => s.generate)

  return (
    <div className="generate">
      <button
        type="button"
        className="btn primary large generate-button"
        disabled={blocker !== null || submitting}
        aria-describedby="generate-summary"
        onClick={() => void generate()}
      >
        {submitting ? <Spinner /> : <SparkIcon />}
        {variations > 1 ? `Generate ${variations}` : 'Generate'}
      </button>
      <SpendLimitDialog />
    </div>
  )
}

/**
 * The line under Generate: why it cannot run, or what it will cost, the
 * shortcut and how long it usually takes. One line of reserved height, so
 * nothing jumps when the price arrives.
 */
export function GenerateSummary() {
  const styles = useStyles((s) => s.styles)
  const blocker = useStudio((s) => selectGenerateBlocker(s, styles))
  const aspectRatio = useStudio((s) => s.draft.aspectRatio)
  const references = useStudio((s) => s.draft.references.length)
  const typical = useTasks((s) => typicalDuration(s.estimates, { aspectRatio, references }))

  return (
    <p id="generate-summary" className={`generate-summary ${blocker ? 'blocked' : ''}`} aria-live="polite">
      {blocker ?? (
        <>
          <PricePreview />
          <span>
            <kbd>{MOD_LABEL}</kbd> <kbd>Enter</kbd>
          </span>
          <span>{typicalText(typical)}</span>
        </>
      )}
    </p>
  )
}

export function SubmitError() {
  const error = useStudio((s) => s.submitError)
  if (!error) return null
  return <ErrorNotice error={error} onDismiss={() => studioStore.setState({ submitError: null })} />
}
