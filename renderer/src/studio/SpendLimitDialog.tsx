/**
 * The question asked when a generation would pass a daily or monthly spending
 * limit. The core refused it (SPEND_LIMIT); only "Generate anyway" sends it,
 * confirmed. Cancel is the default focus: the safe answer is one key away.
 * The studio's Generate and a retry from the queue or the viewer ask the same
 * question; each keeps its own pending request (studio store, tasks store).
 */
import { AlertDialog } from 'radix-ui'
import { spendLimitQuestion, type SpendLimitPrompt } from '../stores/studio/spendLimit'
import { useStudio } from '../stores/studio/store'
import { useTasks } from '../stores/tasks/store'
import { AlertIcon } from '../ui/icons'

interface QuestionProps {
  prompt: SpendLimitPrompt | null
  onConfirm: () => void
  onCancel: () => void
}

export function SpendLimitQuestion({ prompt, onConfirm, onCancel }: QuestionProps) {
  return (
    <AlertDialog.Root open={prompt !== null} onOpenChange={(open) => !open && onCancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog-content alert-dialog">
          {prompt && (
            <>
              <div className="dialog-header">
                <AlertIcon size={20} className="alert-dialog-icon" />
                <AlertDialog.Title>Over your {prompt.limit} spending limit</AlertDialog.Title>
              </div>
              <div className="dialog-body">
                <AlertDialog.Description>{spendLimitQuestion(prompt)}</AlertDialog.Description>
                <p className="muted alert-dialog-note">You can change the limits in Settings.</p>
              </div>
              <div className="dialog-footer">
                <AlertDialog.Cancel className="btn">Cancel</AlertDialog.Cancel>
                <AlertDialog.Action className="btn primary" onClick={onConfirm}>
                  Generate anyway
                </AlertDialog.Action>
              </div>
            </>
          )}
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  )
}

/** The studio's Generate, over a limit. */
export function SpendLimitDialog() {
  const prompt = useStudio((s) => s.limitPrompt)
  const confirm = useStudio((s) => s.confirmOverLimit)
  const cancel = useStudio((s) => s.cancelOverLimit)
  return <SpendLimitQuestion prompt={prompt} onConfirm={() => void confirm()} onCancel={cancel} />
}

/** A retry (queue or viewer) that costs money, over a limit; mounted once, beside the viewer. */
export function RetrySpendLimitDialog() {
  const prompt = useTasks((s) => s.retryLimit?.prompt ?? null)
  const confirm = useTasks((s) => s.confirmRetryOverLimit)
  const cancel = useTasks((s) => s.cancelRetryOverLimit)
  return <SpendLimitQuestion prompt={prompt} onConfirm={() => void confirm()} onCancel={cancel} />
}
