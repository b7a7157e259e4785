/**
 * The studio: the draft being written (persisted, see draft.ts) plus transient
 * state — references being prepared, the tray's refusals, the price preview,
 * submission and the spending-limit question.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import type { GenerationQuote, ReferenceSource } from '../../../../shared/contract'
import { MAX_REFERENCES, MAX_VARIATIONS, type AspectRatio, type Generation } from '../../../../shared/domain'
import { atelier } from '../../api/client'
import { describeError, type ErrorView } from '../../api/errors'
import { DRAFT_STORAGE_KEY, emptyDraft, readStoredDraft, type Draft } from './draft'
import { createRecallActions, type RecallOffer, type RecallUndo } from './recall'
import { createReferenceActions } from './references'
import { selectGenerateBlocker } from './selectors'
import { spendLimitPromptFrom, type SpendLimitPrompt } from './spendLimit'
import { tasksStore } from '../tasks/store'
import { libraryStore } from '../library/store'
import { stylesStore } from '../styles/store'
import { APPLIED_STYLES_MAX, resolveStyles } from '../../../../shared/styles'
import type { HistoryEntry } from '../../../../shared/contract'

export { DUPLICATE_REFERENCE_MESSAGE, REFERENCE_LIMIT_MESSAGE } from './references'
export type { SpendLimitPrompt } from './spendLimit'
export type { RecallOffer, RecallUndo } from './recall'

/** A reference on its way in: shown as a spinner tile until the core has prepared it. */
export interface PendingReference {
  token: string
  label: string
}

/** One image to add; `source` may be a loader so reading a big file happens after the tile appears. */
export interface ReferenceRequest {
  label: string
  source: ReferenceSource | (() => Promise<ReferenceSource>)
  /** false: never offer to restore a recipe the file carries (the user chose to use it as a reference). */
  recall?: boolean
}

/** A refusal shown in the tray (the limit, or the core's reason for one image). */
export interface TrayMessage {
  id: number
  text: string
  /** What the user gave, when the refusal is about one image. */
  label: string | null
}

export interface StudioState {
  draft: Draft
  pending: PendingReference[]
  /** The refusals of the latest batch of images, each shown as an alert. */
  trayMessages: TrayMessage[]
  submitting: boolean
  submitError: ErrorView | null
  /** What the draft's variations would cost, from the last priced task; null until asked. */
  quote: GenerationQuote | null
  /** Set while the studio asks whether to pass a spending limit. */
  limitPrompt: SpendLimitPrompt | null
  /** Images carrying an Atelier recipe, each waiting for "restore" or "use as a reference" (see recall.ts). */
  recallOffers: RecallOffer[]
  /** The last restore, until undone or dismissed. */
  recallUndo: RecallUndo | null
}

export interface StudioActions {
  setPrompt(prompt: string): void
  setAspectRatio(ratio: AspectRatio): void
  setVariations(count: number): void
  setCallbackUrl(url: string): void
  /** Applies a style after the ones already applied, or takes it off when it is on. */
  toggleStyle(id: string): void
  /** Puts a prompt from the history back, with its ratio; it was sent with its styles in it, so none is applied. */
  recallPrompt(entry: Pick<HistoryEntry, 'prompt' | 'aspectRatio'>): void
  /** Prepares images in order; whatever does not fit under the limit is refused with a message. */
  addReferences(requests: ReferenceRequest[]): Promise<void>
  /** Says why nothing can be added (the picker was opened with a full tray). */
  refuseForLimit(): void
  removeReference(index: number): void
  moveReference(from: number, to: number): void
  dismissTrayMessage(id: number): void
  /**
   * Creates the generations; returns them, or null when refused (the reason is in
   * submitError, or limitPrompt when a spending limit would be passed).
   */
  generate(options?: { confirmOverLimit?: boolean }): Promise<Generation[] | null>
  /** The user chose to pass the limit: generates the same draft, confirmed. */
  confirmOverLimit(): Promise<Generation[] | null>
  cancelOverLimit(): void
  /** Asks the core what the current variations would cost (the preview beside Generate). */
  refreshQuote(): Promise<void>
  /** Puts an earlier generation's prompt, ratio and references back into the draft. */
  remix(generation: Generation): void
  /** Adds an earlier result as a reference. */
  addGenerationAsReference(generation: Pick<Generation, 'id' | 'prompt'>): Promise<void>
  /** Puts a recipe's prompt and ratio into the draft and adds the references this library holds (undoable). */
  restoreRecall(id: number): void
  /** Adds the recipe-carrying image itself as a reference instead. */
  useRecallAsReference(id: number): Promise<void>
  undoRecall(): void
  dismissRecallUndo(): void
}

export type StudioStore = StudioState & StudioActions

export interface StudioDeps {
  /** Where the draft is persisted; localStorage in the app. */
  storage?: StateStorage
  /** Told about created generations (the queue and the library show them at once). */
  onGenerated?: (generations: Generation[]) => void
}

export function createStudioStore(deps: StudioDeps = {}) {
  const storage = createJSONStorage(() => deps.storage ?? browserStorage())
  let quoteRequest = 0
  return createStore<StudioStore>()(
    persist(
      (set, get) => {
        // Any edit makes the last refusal stale.
        const setDraft = (patch: Partial<Draft>) => set((s) => ({ draft: { ...s.draft, ...patch }, submitError: null }))

        return {
          draft: emptyDraft(),
          pending: [],
          trayMessages: [],
          submitting: false,
          submitError: null,
          quote: null,
          limitPrompt: null,
          recallOffers: [],
          recallUndo: null,

          setPrompt: (prompt) => setDraft({ prompt }),
          setAspectRatio: (aspectRatio) => setDraft({ aspectRatio }),
          setVariations: (count) => {
            setDraft({ variations: Math.min(MAX_VARIATIONS, Math.max(1, Math.round(count))) })
            void get().refreshQuote()
          },
          setCallbackUrl: (callbackUrl) => setDraft({ callbackUrl }),
          toggleStyle: (id) => {
            const { styleIds } = get().draft
            if (styleIds.includes(id)) setDraft({ styleIds: styleIds.filter((x) => x !== id) })
            else if (styleIds.length < APPLIED_STYLES_MAX) setDraft({ styleIds: [...styleIds, id] })
          },
          recallPrompt: ({ prompt, aspectRatio }) => setDraft({ prompt, aspectRatio, styleIds: [] }),

          ...createReferenceActions(set, get),
          ...createRecallActions(set, get),

          async generate({ confirmOverLimit = false } = {}) {
            const state = get()
            if (state.submitting || state.limitPrompt) return null
            const styles = stylesStore.getState().styles
            const blocker = selectGenerateBlocker(state, styles)
            if (blocker) {
              set({ submitError: { code: 'INVALID_INPUT', message: blocker, action: { kind: 'none' } } })
              return null
            }
            const { draft } = state
            set({ submitting: true, submitError: null })
            try {
              const { generations } = await atelier.invoke('generation.create', {
                prompt: draft.prompt,
                aspectRatio: draft.aspectRatio,
                referenceIds: draft.references.map((r) => r.id),
                variations: draft.variations,
                callbackUrl: draft.callbackUrl.trim() || null,
                // The core composes the final prompt from these, with the same function as the preview.
                styleIds: resolveStyles(draft.styleIds, styles).map((style) => style.id),
                confirmOverLimit,
              })
              deps.onGenerated?.(generations)
              set({ trayMessages: [] })
              return generations
            } catch (error) {
              const limitPrompt = spendLimitPromptFrom(error)
              set(limitPrompt ? { limitPrompt } : { submitError: describeError(error) })
              return null
            } finally {
              set({ submitting: false })
            }
          },

          async confirmOverLimit() {
            set({ limitPrompt: null })
            return get().generate({ confirmOverLimit: true })
          },

          cancelOverLimit: () => set({ limitPrompt: null }),

          async refreshQuote() {
            const request = ++quoteRequest
            try {
              const quote = await atelier.invoke('generation.quote', { variations: get().draft.variations })
              // An older answer must not overwrite a newer one (variations clicked quickly).
              if (request === quoteRequest) set({ quote })
            } catch {
              // The preview is a courtesy; the core still checks the limits when Generate is pressed.
            }
          },

          remix(generation) {
            setDraft({
              prompt: generation.prompt,
              aspectRatio: generation.aspectRatio,
              references: generation.references.slice(0, MAX_REFERENCES),
              // The stored prompt already has its styles in it.
              styleIds: [],
            })
            set({ trayMessages: [], submitError: null })
          },

          addGenerationAsReference: (generation) =>
            get().addReferences([
              { label: generation.prompt, source: { kind: 'generation', generationId: generation.id } },
            ]),
        }
      },
      {
        name: DRAFT_STORAGE_KEY,
        version: 1,
        storage,
        partialize: (state) => ({ draft: state.draft }),
        merge: (persisted, current) => ({ ...current, draft: readStoredDraft(persisted) }),
      },
    ),
  )
}

/** localStorage in the page; an in-memory stand-in where there is none (Node tests). */
function browserStorage(): StateStorage {
  if (typeof window !== 'undefined' && window.localStorage) return window.localStorage
  return memoryStorage()
}

export function memoryStorage(initial: Record<string, string> = {}): StateStorage & { data: Record<string, string> } {
  const data = { ...initial }
  return {
    data,
    getItem: (name) => data[name] ?? null,
    setItem: (name, value) => {
      data[name] = value
    },
    removeItem: (name) => {
      delete data[name]
    },
  }
}

export const studioStore = createStudioStore({
  onGenerated: (generations) => {
    tasksStore.getState().apply(generations)
    libraryStore.getState().apply(generations)
  },
})

export function useStudio<T>(selector: (state: StudioStore) => T): T {
  return useStore(studioStore, selector)
}
