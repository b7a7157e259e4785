/**
 * Batch: many prompts at once. Paste a list (one prompt per line) or open a
 * .txt/.csv file (CSV with `prompt` and optional `ratio` columns); each line's
 * refusal is listed by number, the task count and the price are shown before
 * anything is sent, and the spending limits are asked about once for the whole
 * batch (the core checks the total). References and the webhook come from the
 * studio, as for a single prompt.
 */
import { Dialog } from 'radix-ui'
import { useEffect, useMemo, useState, type ChangeEvent } from 'react'
import type { GenerationQuote } from '../../../shared/contract'
import { batchSizeProblem, parseBatch } from '../../../shared/batch'
import { MAX_VARIATIONS } from '../../../shared/domain'
import { atelier } from '../api/client'
import { describeError, type ErrorView } from '../api/errors'
import { formatPrice } from '../format/money'
import { spendLimitPromptFrom, type SpendLimitPrompt } from '../stores/studio/spendLimit'
import { useStudio } from '../stores/studio/store'
import { ErrorNotice } from '../ui/ErrorNotice'
import { SpendLimitQuestion } from './SpendLimitDialog'

const MAX_SHOWN_ERRORS = 50

export function BatchButton() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        Batch…
      </button>
      {open && <BatchDialog onClose={() => setOpen(false)} />}
    </>
  )
}

function BatchDialog({ onClose }: { onClose: () => void }) {
  const draft = useStudio((s) => s.draft)
  const [text, setText] = useState('')
  const [variations, setVariations] = useState(draft.variations)
  const [quote, setQuote] = useState<GenerationQuote | null>(null)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<ErrorView | null>(null)
  const [question, setQuestion] = useState<SpendLimitPrompt | null>(null)

  const parsed = useMemo(() => parseBatch(text, draft.aspectRatio), [text, draft.aspectRatio])
  const tasks = parsed.items.length * variations
  const sizeProblem = text.trim() === '' ? null : batchSizeProblem(parsed.items.length, variations)

  useEffect(() => {
    // Nothing to quote: the shown price is matched to the task count, so an old answer is not shown.
    if (tasks === 0 || sizeProblem) return
    let current = true
    atelier
      .invoke('generation.quote', { variations: tasks })
      .then((answer) => current && setQuote(answer))
      .catch(() => current && setQuote(null))
    return () => {
      current = false
    }
  }, [tasks, sizeProblem])

  const openFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    if (file) setText(await file.text())
    event.target.value = ''
  }

  const send = async (confirmOverLimit: boolean) => {
    setSending(true)
    setError(null)
    try {
      await atelier.invoke('generation.createBatch', {
        items: parsed.items.map(({ prompt, aspectRatio }) => ({ prompt, aspectRatio })),
        variations,
        referenceIds: draft.references.map((r) => r.id),
        callbackUrl: draft.callbackUrl.trim() || null,
        confirmOverLimit,
      })
      onClose()
    } catch (caught) {
      const limit = spendLimitPromptFrom(caught)
      if (limit) setQuestion(limit)
      else setError(describeError(caught))
    } finally {
      setSending(false)
    }
  }

  const total = quote && quote.variations === tasks ? formatPrice(quote.total) : null
  const canSend = tasks > 0 && !sizeProblem && !sending

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog-content batch-dialog" aria-describedby="batch-help">
          <div className="dialog-header">
            <Dialog.Title>Batch</Dialog.Title>
          </div>
          <div className="dialog-body batch-body">
            <p id="batch-help" className="muted">
              One prompt per line, or CSV with a <code>prompt</code> column (and <code>ratio</code>: auto, 1:1, 4:3 or
              3:4). Empty lines are skipped; lines without a ratio use the studio&apos;s.
            </p>
            <label htmlFor="batch-prompts">Prompts</label>
            <textarea
              id="batch-prompts"
              className="input batch-text"
              rows={10}
              value={text}
              spellCheck={false}
              onChange={(event) => setText(event.target.value)}
            />
            <div className="batch-options">
              <label className="btn small batch-file">
                Open a file…
                <input
                  type="file"
                  accept=".txt,.csv,text/plain,text/csv"
                  className="visually-hidden"
                  aria-label="Open a list of prompts"
                  onChange={(event) => void openFile(event)}
                />
              </label>
              <label className="select-field">
                <span>Variations of each</span>
                <select
                  className="select small"
                  value={variations}
                  onChange={(event) => setVariations(Number(event.target.value))}
                >
                  {Array.from({ length: MAX_VARIATIONS }, (_, i) => i + 1).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {parsed.errors.length > 0 && (
              <div className="batch-errors" role="group" aria-label="Lines not taken">
                <p>{parsed.errors.length === 1 ? '1 line is' : `${parsed.errors.length} lines are`} not taken:</p>
                <ul>
                  {parsed.errors.slice(0, MAX_SHOWN_ERRORS).map((lineError) => (
                    <li key={lineError.line}>{lineError.message}</li>
                  ))}
                </ul>
              </div>
            )}
            <p className="batch-summary" aria-live="polite" data-testid="batch-summary">
              {sizeProblem ??
                (tasks === 0
                  ? 'No prompts yet.'
                  : `${parsed.items.length} ${parsed.items.length === 1 ? 'prompt' : 'prompts'} × ${variations} = ${tasks} ${tasks === 1 ? 'task' : 'tasks'}`)}
              {!sizeProblem && tasks > 0 && total && (
                <span className={quote?.wouldExceed ? 'over' : undefined}>
                  {' '}
                  — ≈ {total}
                  {quote?.wouldExceed && <> — over your {quote.wouldExceed.limit} limit</>}
                </span>
              )}
            </p>
            {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
          </div>
          <div className="dialog-footer">
            <Dialog.Close className="btn">Cancel</Dialog.Close>
            <button type="button" className="btn primary" disabled={!canSend} onClick={() => void send(false)}>
              {tasks > 0 ? `Send ${tasks} ${tasks === 1 ? 'task' : 'tasks'}` : 'Send'}
            </button>
          </div>
          <SpendLimitQuestion
            prompt={question}
            onCancel={() => setQuestion(null)}
            onConfirm={() => {
              setQuestion(null)
              void send(true)
            }}
          />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
