import { MOD_LABEL } from '../app/platform'
import { selectGenerateBlocker } from '../stores/studio/selectors'
import { studioStore, useStudio } from '../stores/studio/store'
import { ErrorNotice } from '../ui/ErrorNotice'
import { SparkIcon, Spinner } from '../ui/icons'

export function GenerateButton() {
  const blocker = useStudio(selectGenerateBlocker)
  const variations = useStudio((s) => s.draft.variations)
  const submitting = useStudio((s) => s.submitting)
  const generate = useStudio((s) => s.generate)

  return (
    <div className="generate">
      <button
        type="button"
        className="btn primary large generate-button"
        disabled={blocker !== null || submitting}
        aria-describedby="generate-hint"
        onClick={() => void generate()}
      >
        {submitting ? <Spinner /> : <SparkIcon />}
        {variations > 1 ? `Generate ${variations}` : 'Generate'}
      </button>
      <p id="generate-hint" className={`generate-hint ${blocker ? 'blocked' : ''}`}>
        {blocker ?? (
          <>
            <kbd>{MOD_LABEL}</kbd> <kbd>Enter</kbd> · usually 1–3 min
          </>
        )}
      </p>
    </div>
  )
}

export function SubmitError() {
  const error = useStudio((s) => s.submitError)
  if (!error) return null
  return <ErrorNotice error={error} onDismiss={() => studioStore.setState({ submitError: null })} />
}
