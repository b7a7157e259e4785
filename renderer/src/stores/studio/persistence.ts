/**
 * The draft is kept by the core (draft.get / draft.save), so it survives a
 * restart whatever the transport; localStorage (see store.ts) only makes the
 * first paint instant. The core's copy wins unless the user already edited
 * before it arrived. Typing is saved after a short pause; everything else at once.
 */
import type { AtelierApi } from '../../../../shared/api'
import { readStoredDraft, type Draft } from './draft'
import type { createStudioStore } from './store'

export const DRAFT_SAVE_DELAY_MS = 250

type StudioStoreApi = ReturnType<typeof createStudioStore>

export interface DraftPersistence {
  /** Resolves once the core's copy has been read (and applied, when the user had not edited yet). */
  ready: Promise<void>
  /** Saves a pending change now (the page is going away). */
  flush(): Promise<void>
  stop(): void
}

export function bindDraftPersistence(
  api: AtelierApi,
  store: StudioStoreApi,
  delayMs = DRAFT_SAVE_DELAY_MS,
): DraftPersistence {
  const initial = store.getState().draft
  let hydrated = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let pending: Draft | null = null
  let applied: Draft | null = null

  const save = async () => {
    if (timer) clearTimeout(timer)
    timer = null
    const draft = pending
    pending = null
    if (!draft) return
    try {
      await api.invoke('draft.save', { draft })
    } catch {
      // Kept locally anyway; the next change tries again.
    }
  }

  const unsubscribe = store.subscribe((state, previous) => {
    if (!hydrated || state.draft === previous.draft) return
    pending = state.draft
    const typingOnly =
      state.draft.prompt !== previous.draft.prompt &&
      state.draft.references === previous.draft.references &&
      state.draft.aspectRatio === previous.draft.aspectRatio &&
      state.draft.variations === previous.draft.variations
    if (timer) clearTimeout(timer)
    if (typingOnly) timer = setTimeout(() => void save(), delayMs)
    else void save()
  })

  const ready = (async () => {
    try {
      const { draft } = await api.invoke('draft.get', {})
      if (draft !== null && draft !== undefined && store.getState().draft === initial) {
        applied = readStoredDraft({ draft })
        store.setState({ draft: applied })
      }
    } catch {
      // The local copy stands.
    } finally {
      hydrated = true
      // An edit made before the core answered is saved now.
      const current = store.getState().draft
      if (current !== initial && current !== applied) {
        pending = current
        await save()
      }
    }
  })()

  // The page is going away (reload, window closed): save what is still waiting.
  const onPageHide = () => void save()
  if (typeof window !== 'undefined') window.addEventListener('pagehide', onPageHide)

  return {
    ready,
    flush: save,
    stop() {
      unsubscribe()
      if (timer) clearTimeout(timer)
      if (typeof window !== 'undefined') window.removeEventListener('pagehide', onPageHide)
    },
  }
}
