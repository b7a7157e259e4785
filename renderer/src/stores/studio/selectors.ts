import { HttpsUrl } from '../../../../shared/contract'
import { MAX_REFERENCES, PROMPT_MAX_LENGTH } from '../../../../shared/domain'
import type { StudioState } from './store'

export const selectPromptLength = (state: StudioState): number => state.draft.prompt.length

export const selectPromptOverBy = (state: StudioState): number =>
  Math.max(0, state.draft.prompt.length - PROMPT_MAX_LENGTH)

/** Null when the webhook is empty or a valid https URL; otherwise why not. */
export const selectWebhookError = (state: StudioState): string | null => {
  const url = state.draft.callbackUrl.trim()
  if (url === '') return null
  const parsed = HttpsUrl.safeParse(url)
  return parsed.success ? null : 'The webhook URL must be a full https:// address.'
}

/** Why Generate cannot run right now, in words for the button's description; null when it can. */
export const selectGenerateBlocker = (state: StudioState): string | null => {
  if (state.draft.prompt.trim() === '') return 'Write a prompt first.'
  const over = selectPromptOverBy(state)
  if (over > 0) return `The prompt is ${over} character${over === 1 ? '' : 's'} over the ${PROMPT_MAX_LENGTH} limit.`
  if (state.pending.length > 0) return 'Wait for the reference images to finish preparing.'
  if (selectWebhookError(state)) return 'Fix the webhook URL under Advanced.'
  return null
}

export const selectReferenceRoom = (state: StudioState): number =>
  Math.max(0, MAX_REFERENCES - state.draft.references.length - state.pending.length)
