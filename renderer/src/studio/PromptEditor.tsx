import { useEffect, useRef, useState } from 'react'
import { PROMPT_MAX_LENGTH } from '../../../shared/domain'
import { HistoryPicker } from '../history/HistoryPicker'
import { selectFinalPrompt } from '../stores/studio/selectors'
import { useStudio } from '../stores/studio/store'
import { useStyles } from '../stores/styles/store'
import { useUi } from '../stores/ui/store'

export function PromptEditor() {
  const prompt = useStudio((s) => s.draft.prompt)
  const setPrompt = useStudio((s) => s.setPrompt)
  const recallPrompt = useStudio((s) => s.recallPrompt)
  const styles = useStyles((s) => s.styles)
  const hasStyles = useStudio((s) => s.draft.styleIds.length > 0)
  const finalPrompt = useStudio((s) => selectFinalPrompt(s, styles))
  const length = finalPrompt.length
  const over = Math.max(0, length - PROMPT_MAX_LENGTH)
  const historyRequest = useUi((s) => s.historyRequest)
  const [historyOpen, setHistoryOpen] = useState(false)
  const textarea = useRef<HTMLTextAreaElement>(null)
  const seenRequest = useRef(historyRequest)

  // The command palette (and anything else) asks for the picker through the ui store.
  useEffect(() => {
    if (historyRequest === seenRequest.current) return
    seenRequest.current = historyRequest
    setHistoryOpen(true)
  }, [historyRequest])

  const closeHistory = (refocus: boolean) => {
    setHistoryOpen(false)
    if (refocus) textarea.current?.focus()
  }

  return (
    <div className="field prompt-field">
      <div className="prompt-head">
        <label htmlFor="prompt" className="field-label">
          Prompt
        </label>
        <span className="prompt-head-end">
          <button
            type="button"
            className="btn small ghost"
            aria-haspopup="listbox"
            aria-expanded={historyOpen}
            aria-keyshortcuts="ArrowUp"
            title="Earlier prompts (↑ in an empty prompt box)"
            onClick={() => setHistoryOpen((open) => !open)}
          >
            History
          </button>
          <span id="prompt-count" className={`prompt-count ${over > 0 ? 'over' : ''}`}>
            <span className="visually-hidden">{hasStyles ? 'Final prompt length: ' : 'Prompt length: '}</span>
            {length} / {PROMPT_MAX_LENGTH}
          </span>
        </span>
      </div>
      <div className="prompt-box">
        <textarea
          ref={textarea}
          id="prompt"
          className="textarea prompt-input"
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
          onKeyDown={(event) => {
            // ↑ in an empty box opens the history; with text in it, ↑ moves the caret as always.
            if (
              event.key === 'ArrowUp' &&
              prompt === '' &&
              !event.altKey &&
              !event.shiftKey &&
              !event.ctrlKey &&
              !event.metaKey
            ) {
              event.preventDefault()
              setHistoryOpen(true)
            }
          }}
          placeholder="Describe the image you want — subject, setting, light, style… (↑ for earlier prompts)"
          aria-describedby={over > 0 ? 'prompt-count prompt-over' : 'prompt-count'}
          aria-invalid={over > 0}
          spellCheck
          rows={5}
        />
        {historyOpen && (
          <HistoryPicker
            onPick={(entry) => {
              recallPrompt(entry)
              closeHistory(true)
            }}
            onClose={closeHistory}
          />
        )}
      </div>
      {hasStyles && (
        <div className="final-prompt-block">
          <span id="final-prompt-label" className="final-prompt-label">
            Final prompt (what is sent)
          </span>
          <output className="final-prompt" aria-labelledby="final-prompt-label" data-testid="final-prompt">
            {finalPrompt}
          </output>
        </div>
      )}
      {over > 0 && (
        <p id="prompt-over" className="field-error" role="alert">
          The prompt is {over} character{over === 1 ? '' : 's'} over the {PROMPT_MAX_LENGTH} limit — shorten it to
          generate.
        </p>
      )}
    </div>
  )
}
