/**
 * The studio: the draft being written (persisted, see draft.ts) plus transient
 * state — references being prepared, the tray's last message, submission.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import type { ReferenceSource } from '../../../../shared/contract'
import { MAX_REFERENCES, MAX_VARIATIONS, type AspectRatio, type Generation } from '../../../../shared/domain'
import { getAtelier } from '../../api/client'
import { describeError, type ErrorView } from '../../api/errors'
import { DRAFT_STORAGE_KEY, emptyDraft, readStoredDraft, type Draft } from './draft'
import { selectGenerateBlocker } from './selectors'
import { tasksStore } from '../tasks/store'
import { libraryStore } from '../library/store'

export const REFERENCE_LIMIT_MESSAGE = `At most ${MAX_REFERENCES} reference images — remove one first.`
export const DUPLICATE_REFERENCE_MESSAGE = 'That image is already one of the references.'

/** A reference on its way in: shown as a spinner tile until the core has prepared it. */
export interface PendingReference {
  token: string
  label: string
}

/** One image to add; `source` may be a loader so reading a big file happens after the tile appears. */
export interface ReferenceRequest {
  label: string
  source: ReferenceSource | (() => Promise<ReferenceSource>)
}

export interface StudioState {
  draft: Draft
  pending: PendingReference[]
  /** The tray's latest refusal (limit reached, or the core's reason), shown as an alert. */
  trayMessage: string | null
  submitting: boolean
  submitError: ErrorView | null
}

export interface StudioActions {
  setPrompt(prompt: string): void
  setAspectRatio(ratio: AspectRatio): void
  setVariations(count: number): void
  setCallbackUrl(url: string): void
  /** Prepares images in order; whatever does not fit under the limit is refused with a message. */
  addReferences(requests: ReferenceRequest[]): Promise<void>
  removeReference(index: number): void
  moveReference(from: number, to: number): void
  dismissTrayMessage(): void
  /** Creates the generations; returns them, or null when refused (the reason is in submitError). */
  generate(): Promise<Generation[] | null>
  /** Puts an earlier generation's prompt, ratio and references back into the draft. */
  remix(generation: Generation): void
  /** Adds an earlier result as a reference. */
  addGenerationAsReference(generation: Pick<Generation, 'id' | 'prompt'>): Promise<void>
}

export type StudioStore = StudioState & StudioActions

export interface StudioDeps {
  /** Where the draft is persisted; localStorage in the app. */
  storage?: StateStorage
  /** Told about created generations (the queue and the library show them at once). */
  onGenerated?: (generations: Generation[]) => void
}

let tokenCounter = 0

export function createStudioStore(deps: StudioDeps = {}) {
  const storage = createJSONStorage(() => deps.storage ?? browserStorage())
  return createStore<StudioStore>()(
    persist(
      (set, get) => {
        // Any edit makes the last refusal stale.
        const setDraft = (patch: Partial<Draft>) => set((s) => ({ draft: { ...s.draft, ...patch }, submitError: null }))

        const prepareOne = async (request: ReferenceRequest, token: string) => {
          try {
            const source = typeof request.source === 'function' ? await request.source() : request.source
            const reference = await getAtelier().invoke('reference.prepare', { source })
            set((s) => {
              const pending = s.pending.filter((p) => p.token !== token)
              if (s.draft.references.some((r) => r.id === reference.id)) {
                return { pending, trayMessage: DUPLICATE_REFERENCE_MESSAGE }
              }
              if (s.draft.references.length >= MAX_REFERENCES) return { pending, trayMessage: REFERENCE_LIMIT_MESSAGE }
              return { pending, draft: { ...s.draft, references: [...s.draft.references, reference] } }
            })
          } catch (error) {
            set((s) => ({
              pending: s.pending.filter((p) => p.token !== token),
              trayMessage: describeError(error).message,
            }))
          }
        }

        return {
          draft: emptyDraft(),
          pending: [],
          trayMessage: null,
          submitting: false,
          submitError: null,

          setPrompt: (prompt) => setDraft({ prompt }),
          setAspectRatio: (aspectRatio) => setDraft({ aspectRatio }),
          setVariations: (count) => setDraft({ variations: Math.min(MAX_VARIATIONS, Math.max(1, Math.round(count))) }),
          setCallbackUrl: (callbackUrl) => setDraft({ callbackUrl }),

          async addReferences(requests) {
            const { draft, pending } = get()
            const room = Math.max(0, MAX_REFERENCES - draft.references.length - pending.length)
            const accepted = requests.slice(0, room)
            const queued = accepted.map((request) => ({ request, token: `pending-${++tokenCounter}` }))
            set((s) => ({
              trayMessage: accepted.length < requests.length ? REFERENCE_LIMIT_MESSAGE : null,
              pending: [...s.pending, ...queued.map(({ request, token }) => ({ token, label: request.label }))],
            }))
            // One at a time: keeps the order the user gave, and the core's sharp work is serial anyway.
            for (const { request, token } of queued) await prepareOne(request, token)
          },

          removeReference(index) {
            const references = get().draft.references.filter((_, i) => i !== index)
            set((s) => ({ draft: { ...s.draft, references }, trayMessage: null }))
          },

          moveReference(from, to) {
            const references = [...get().draft.references]
            if (from === to || from < 0 || to < 0 || from >= references.length || to >= references.length) return
            const [moved] = references.splice(from, 1)
            references.splice(to, 0, moved!)
            setDraft({ references })
          },

          dismissTrayMessage: () => set({ trayMessage: null }),

          async generate() {
            const state = get()
            if (state.submitting) return null
            const blocker = selectGenerateBlocker(state)
            if (blocker) {
              set({ submitError: { code: 'INVALID_INPUT', message: blocker, action: { kind: 'none' } } })
              return null
            }
            const { draft } = state
            set({ submitting: true, submitError: null })
            try {
              const { generations } = await getAtelier().invoke('generation.create', {
                prompt: draft.prompt,
                aspectRatio: draft.aspectRatio,
                referenceIds: draft.references.map((r) => r.id),
                variations: draft.variations,
                callbackUrl: draft.callbackUrl.trim() || null,
              })
              deps.onGenerated?.(generations)
              set({ trayMessage: null })
              return generations
            } catch (error) {
              set({ submitError: describeError(error) })
              return null
            } finally {
              set({ submitting: false })
            }
          },

          remix(generation) {
            setDraft({
              prompt: generation.prompt,
              aspectRatio: generation.aspectRatio,
              references: generation.references.slice(0, MAX_REFERENCES),
            })
            set({ trayMessage: null, submitError: null })
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
