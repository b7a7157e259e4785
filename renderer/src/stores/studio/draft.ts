/**
 * The studio draft: what survives a restart. Read back from localStorage, so it
 * is validated field by field; a damaged field falls back to its default
 * instead of losing the whole draft.
 */
import { z } from 'zod'
import { AspectRatio, MAX_REFERENCES, MAX_VARIATIONS, ReferenceInfo } from '../../../../shared/domain'
import { APPLIED_STYLES_MAX } from '../../../../shared/styles'

export const DRAFT_STORAGE_KEY = 'atelier.studio.draft'

export interface Draft {
  prompt: string
  aspectRatio: AspectRatio
  variations: number
  /** Prepared references, in the order they are sent. */
  references: ReferenceInfo[]
  /** Optional webhook, as typed (validated before sending). */
  callbackUrl: string
  /** Styles applied to the prompt, in order (shared/styles.ts composePrompt). */
  styleIds: string[]
}

export const emptyDraft = (): Draft => ({
  prompt: '',
  aspectRatio: 'auto',
  variations: 1,
  references: [],
  callbackUrl: '',
  styleIds: [],
})

const StoredDraft = z.object({
  prompt: z.string().max(100_000).catch(''),
  aspectRatio: AspectRatio.catch('auto'),
  variations: z.number().int().min(1).max(MAX_VARIATIONS).catch(1),
  references: z.array(ReferenceInfo).max(MAX_REFERENCES).catch([]),
  callbackUrl: z.string().max(2048).catch(''),
  styleIds: z.array(z.string().max(64)).max(APPLIED_STYLES_MAX).catch([]),
})

/** Whatever was stored (possibly from an older version, or edited by hand) → a usable draft. */
export function readStoredDraft(value: unknown): Draft {
  const record = value && typeof value === 'object' ? (value as { draft?: unknown }).draft : undefined
  const parsed = StoredDraft.safeParse(record ?? {})
  return parsed.success ? parsed.data : emptyDraft()
}
