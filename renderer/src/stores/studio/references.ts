/**
 * The reference tray's actions: prepare images through the core (all at once,
 * added in the order given), refuse what does not fit under the limit, reorder
 * and remove. Every refusal of a batch is kept, so dropping four photos of
 * which two are refused says which two and why.
 */
import { MAX_REFERENCES } from '../../../../shared/domain'
import { atelier } from '../../api/client'
import { describeError } from '../../api/errors'
import { recallOfferFor } from './recall'
import type { ReferenceRequest, StudioStore, TrayMessage } from './store'

export const REFERENCE_LIMIT_MESSAGE = `At most ${MAX_REFERENCES} reference images — remove one first.`
export const DUPLICATE_REFERENCE_MESSAGE = 'That image is already one of the references.'

type SetState = (partial: Partial<StudioStore> | ((state: StudioStore) => Partial<StudioStore>)) => void
type GetState = () => StudioStore

let counter = 0
const message = (text: string, label: string | null = null): TrayMessage => ({ id: ++counter, text, label })

export function createReferenceActions(set: SetState, get: GetState) {
  /** Prepares through the core; never throws, so a batch's preparations can all start at once. */
  const prepare = async (request: ReferenceRequest) => {
    try {
      const source = typeof request.source === 'function' ? await request.source() : request.source
      // An image with an Atelier recipe waits for the user's choice instead (recall.ts).
      const offer = await recallOfferFor(request, source)
      if (offer) return { ok: 'recall' as const, offer }
      return { ok: true as const, reference: await atelier.invoke('reference.prepare', { source }) }
    } catch (error) {
      return { ok: false as const, error }
    }
  }

  /** Puts one prepared image (or its refusal) into the tray. */
  const commit = (outcome: Awaited<ReturnType<typeof prepare>>, request: ReferenceRequest, token: string) => {
    if (outcome.ok === 'recall') {
      const { offer } = outcome
      set((s) => ({ pending: s.pending.filter((p) => p.token !== token), recallOffers: [...s.recallOffers, offer] }))
    } else if (outcome.ok) {
      const { reference } = outcome
      set((s) => {
        const pending = s.pending.filter((p) => p.token !== token)
        if (s.draft.references.some((r) => r.id === reference.id)) {
          return { pending, trayMessages: [...s.trayMessages, message(DUPLICATE_REFERENCE_MESSAGE, request.label)] }
        }
        if (s.draft.references.length >= MAX_REFERENCES) {
          return { pending, trayMessages: [...s.trayMessages, message(REFERENCE_LIMIT_MESSAGE, request.label)] }
        }
        return { pending, draft: { ...s.draft, references: [...s.draft.references, reference] } }
      })
    } else {
      set((s) => ({
        pending: s.pending.filter((p) => p.token !== token),
        trayMessages: [...s.trayMessages, message(describeError(outcome.error).message, request.label)],
      }))
    }
  }

  /**
   * An image that did not fit may still carry a recipe: restoring one needs no room for the image
   * itself, so it is offered all the same; the limit message goes when every such image was one.
   */
  const offersBeyondTheLimit = async (requests: ReferenceRequest[]) => {
    if (requests.length === 0) return
    const offers = await Promise.all(
      requests.map(async (request) => {
        try {
          const source = typeof request.source === 'function' ? await request.source() : request.source
          return await recallOfferFor(request, source)
        } catch {
          return null
        }
      }),
    )
    const found = offers.filter((offer) => offer !== null)
    if (found.length === 0) return
    set((s) => ({
      recallOffers: [...s.recallOffers, ...found],
      trayMessages:
        found.length === requests.length
          ? s.trayMessages.filter((m) => m.text !== REFERENCE_LIMIT_MESSAGE)
          : s.trayMessages,
    }))
  }

  return {
    async addReferences(requests: ReferenceRequest[]) {
      const { draft, pending } = get()
      const room = Math.max(0, MAX_REFERENCES - draft.references.length - pending.length)
      const accepted = requests.slice(0, room)
      const queued = accepted.map((request) => ({ request, token: `pending-${++counter}` }))
      set((s) => ({
        // A new batch makes the last batch's refusals stale.
        trayMessages: accepted.length < requests.length ? [message(REFERENCE_LIMIT_MESSAGE)] : [],
        pending: [...s.pending, ...queued.map(({ request, token }) => ({ token, label: request.label }))],
      }))
      // All at once (the core prepares a few side by side), but into the tray in the order the user gave.
      const outcomes = queued.map(({ request }) => prepare(request))
      const overLimit = offersBeyondTheLimit(requests.slice(room))
      for (const [i, { request, token }] of queued.entries()) commit(await outcomes[i]!, request, token)
      await overLimit
    },

    /** For a way in that cannot add anything now (the picker with a full tray). */
    refuseForLimit() {
      set({ trayMessages: [message(REFERENCE_LIMIT_MESSAGE)] })
    },

    removeReference(index: number) {
      const references = get().draft.references.filter((_, i) => i !== index)
      set((s) => ({ draft: { ...s.draft, references }, trayMessages: [] }))
    },

    moveReference(from: number, to: number) {
      const references = [...get().draft.references]
      if (from === to || from < 0 || to < 0 || from >= references.length || to >= references.length) return
      const [moved] = references.splice(from, 1)
      references.splice(to, 0, moved!)
      set((s) => ({ draft: { ...s.draft, references }, submitError: null }))
    },

    dismissTrayMessage(id: number) {
      set((s) => ({ trayMessages: s.trayMessages.filter((m) => m.id !== id) }))
    },
  }
}
