/**
 * Recall: an image with an Atelier recipe given to the studio (dropped, pasted,
 * picked) is not added at once; the studio offers to restore its prompt, ratio
 * and the references this library holds, or to use it as a plain reference.
 * Restoring can be undone. A file without a recipe never gets here.
 */
import type { RecipeReading, ReferenceSource } from '../../../../shared/contract'
import { MAX_REFERENCES, type ReferenceInfo } from '../../../../shared/domain'
import { atelier } from '../../api/client'
import type { Draft } from './draft'
import type { ReferenceRequest, StudioStore } from './store'

/** An image that carries a recipe, waiting for the user's choice. */
export interface RecallOffer {
  id: number
  /** What the user gave (the file's name). */
  label: string
  recipe: NonNullable<RecipeReading['recipe']>
  /** The library's copies of the recipe's references (those it holds), in order. */
  found: ReferenceInfo[]
  /** How many of the recipe's references this library does not hold. */
  missing: number
  /** The image itself, ready to be prepared as a reference ("Just use it as a reference"). */
  source: Extract<ReferenceSource, { kind: 'bytes' }>
}

/** What a restore replaced, for its Undo. */
export interface RecallUndo {
  label: string
  before: Pick<Draft, 'prompt' | 'aspectRatio' | 'references' | 'styleIds'>
  /** References that did not fit under the limit. */
  overLimit: number
}

type SetState = (partial: Partial<StudioStore> | ((state: StudioStore) => Partial<StudioStore>)) => void
type GetState = () => StudioStore

let counter = 0

/**
 * The offer for a file's bytes, or null when it carries no recipe — or one that
 * cannot be read: the image is then simply prepared as a reference, which
 * refuses it with its own reason if it is broken.
 */
export async function recallOfferFor(request: ReferenceRequest, source: ReferenceSource): Promise<RecallOffer | null> {
  if (source.kind !== 'bytes' || request.recall === false) return null
  let reading: RecipeReading
  try {
    reading = await atelier.invoke('recipe.read', { bytes: source.bytes })
  } catch {
    return null
  }
  if (!reading.recipe) return null
  const found = reading.references.flatMap((r) => (r.reference ? [r.reference] : []))
  return {
    id: ++counter,
    label: request.label,
    recipe: reading.recipe,
    found,
    missing: reading.references.length - found.length,
    source,
  }
}

export function createRecallActions(set: SetState, get: GetState) {
  const without = (id: number) => get().recallOffers.filter((offer) => offer.id !== id)
  return {
    restoreRecall(id: number) {
      const offer = get().recallOffers.find((o) => o.id === id)
      if (!offer) return
      const { draft } = get()
      const kept = draft.references
      const added = offer.found.filter((r) => !kept.some((k) => k.id === r.id))
      const room = Math.max(0, MAX_REFERENCES - kept.length - get().pending.length)
      set({
        draft: {
          ...draft,
          prompt: offer.recipe.prompt,
          aspectRatio: offer.recipe.aspectRatio,
          references: [...kept, ...added.slice(0, room)],
          // The recipe's prompt is the one that was sent, styles already in it.
          styleIds: [],
        },
        recallOffers: without(id),
        recallUndo: {
          label: offer.label,
          before: { prompt: draft.prompt, aspectRatio: draft.aspectRatio, references: kept, styleIds: draft.styleIds },
          overLimit: Math.max(0, added.length - room),
        },
        submitError: null,
      })
    },

    useRecallAsReference(id: number) {
      const offer = get().recallOffers.find((o) => o.id === id)
      if (!offer) return Promise.resolve()
      set({ recallOffers: without(id) })
      return get().addReferences([{ label: offer.label, source: offer.source, recall: false }])
    },

    undoRecall() {
      const undo = get().recallUndo
      if (!undo) return
      set((s) => ({ draft: { ...s.draft, ...undo.before }, recallUndo: null }))
    },

    dismissRecallUndo: () => set({ recallUndo: null }),
  }
}
