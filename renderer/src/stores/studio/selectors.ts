import { HttpsUrl } from '../../../../shared/contract'
import { MAX_REFERENCES } from '../../../../shared/domain'
import { composePrompt, promptOverBy, promptTooLongMessage, resolveStyles, type Style } from '../../../../shared/styles'
import type { StudioState } from './store'

/** The styles applied to the draft that still exist, in the order they are applied. */
export const selectAppliedStyles = (state: StudioState, styles: readonly Style[]): Style[] =>
  resolveStyles(state.draft.styleIds, styles)

/** What will be sent: the prompt with its styles (the core composes it the same way). */
export const selectFinalPrompt = (state: StudioState, styles: readonly Style[]): string =>
  state.draft.styleIds.length === 0
    ? state.draft.prompt
    : composePrompt(state.draft.prompt, selectAppliedStyles(state, styles))

export const selectPromptLength = (state: StudioState, styles: readonly Style[] = []): number =>
  selectFinalPrompt(state, styles).length

export const selectPromptOverBy = (state: StudioState, styles: readonly Style[] = []): number =>
  promptOverBy(selectFinalPrompt(state, styles))

/** Null when the webhook is empty or a valid https URL; otherwise why not. */
export const selectWebhookError = (state: StudioState): string | null => {
  const url = state.draft.callbackUrl.trim()
  if (url === '') return null
  const parsed = HttpsUrl.safeParse(url)
  return parsed.success ? null : 'The webhook URL must be a full https:// address.'
}

/** Why Generate cannot run right now, in words for the button's description; null when it can. */
export const selectGenerateBlocker = (state: StudioState, styles: readonly Style[] = []): string | null => {
  if (state.draft.prompt.trim() === '') return 'Write a prompt first.'
  const over = selectPromptOverBy(state, styles)
  if (over > 0) return promptTooLongMessage(over)
  if (state.pending.length > 0) return 'Wait for the reference images to finish preparing.'
  if (selectWebhookError(state)) return 'Fix the webhook URL under Advanced.'
  return null
}

export const selectReferenceRoom = (state: StudioState): number =>
  Math.max(0, MAX_REFERENCES - state.draft.references.length - state.pending.length)
