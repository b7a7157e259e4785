import { PROMPT_MAX_LENGTH } from '../../../shared/domain'
import { selectPromptLength, selectPromptOverBy } from '../stores/studio/selectors'
import { useStudio } from '../stores/studio/store'

export function PromptEditor() {
  const prompt = useStudio((s) => s.draft.prompt)
  const setPrompt = useStudio((s) => s.setPrompt)
  const length = useStudio(selectPromptLength)
  const over = useStudio(selectPromptOverBy)

  return (
    <div className="field prompt-field">
      <div className="prompt-head">
        <label htmlFor="prompt" className="field-label">
          Prompt
        </label>
        <span id="prompt-count" className={`prompt-count ${over > 0 ? 'over' : ''}`}>
          {length} / {PROMPT_MAX_LENGTH}
        </span>
      </div>
      <textarea
        id="prompt"
        className="textarea prompt-input"
        value={prompt}
        onChange={(event) => setPrompt(event.target.value)}
        placeholder="Describe the image you want — subject, setting, light, style…"
        aria-describedby={over > 0 ? 'prompt-count prompt-over' : 'prompt-count'}
        aria-invalid={over > 0}
        spellCheck
        rows={5}
      />
      {over > 0 && (
        <p id="prompt-over" className="field-error" role="alert">
          The prompt is {over} character{over === 1 ? '' : 's'} over the {PROMPT_MAX_LENGTH} limit — shorten it to
          generate.
        </p>
      )}
    </div>
  )
}
