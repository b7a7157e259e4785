/**
 * The question asked when a generation would pass a daily or monthly spending
 * limit. The core refused it (SPEND_LIMIT); only "Generate anyway" sends it,
 * confirmed. Cancel is the default focus: the safe answer is one key away.
 */
import { AlertDialog } from 'radix-ui'
import { spendLimitQuestion } from '../stores/studio/spendLimit'
import { useStudio } from '../stores/studio/store'
import { AlertIcon } from '../ui/icons'

export function SpendLimitDialog() {
  const prompt = useStudio((s) => s.limitPrompt)
  const confirm = useStudio((s) => s.confirmOverLimit)
  const cancel = useStudio((s) => s.cancelOverLimit)

  return (
    <AlertDialog.Root open={prompt !== null} onOpenChange={(open) => !open && cancel()}>
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
                <AlertDialog.Action className="btn primary" onClick={() => void confirm()}>
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
