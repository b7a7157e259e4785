/**
 * Beside the tray: "This image was made by Atelier" with the two choices —
 * restore its prompt, ratio and the references this library holds, or just use
 * it as a reference — and after a restore, Undo. Inline and polite: it never
 * blocks the studio or takes the focus.
 */
import type { RecallOffer, RecallUndo } from '../stores/studio/store'
import { studioStore, useStudio } from '../stores/studio/store'
import { CloseIcon, InfoIcon } from '../ui/icons'
import { UndoIcon } from '../library/libraryIcons'

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`
const PROMPT_EXCERPT = 140

function restoreLabel(offer: RecallOffer): string {
  const found = offer.found.length
  return found > 0 ? `Restore its prompt, ratio and ${plural(found, 'reference')}` : 'Restore its prompt and ratio'
}

export function RecallPrompt() {
  const offers = useStudio((s) => s.recallOffers)
  const undo = useStudio((s) => s.recallUndo)
  const offer = offers[0]
  return (
    <div className="recall-region" aria-live="polite">
      {offer ? <Offer key={offer.id} offer={offer} more={offers.length - 1} /> : undo && <Undo undo={undo} />}
    </div>
  )
}

function Offer({ offer, more }: { offer: RecallOffer; more: number }) {
  const titleId = `recall-title-${offer.id}`
  const prompt = offer.recipe.prompt
  const excerpt = prompt.length > PROMPT_EXCERPT ? `${prompt.slice(0, PROMPT_EXCERPT)}…` : prompt
  return (
    <section className="card recall" role="group" aria-labelledby={titleId} data-testid="recall-offer">
      <div className="recall-head">
        <InfoIcon />
        <h2 id={titleId}>“{offer.label}” carries its Atelier recipe</h2>
      </div>
      <p className="recall-prompt">
        <span className="visually-hidden">Its prompt: </span>“{excerpt}” · {offer.recipe.aspectRatio}
      </p>
      {offer.missing > 0 && (
        <p className="recall-missing">
          {plural(offer.missing, 'reference')} {offer.missing === 1 ? 'is' : 'are'} not in this library and won’t be
          restored.
        </p>
      )}
      <div className="recall-actions">
        <button
          type="button"
          className="btn primary small"
          onClick={() => studioStore.getState().restoreRecall(offer.id)}
        >
          {restoreLabel(offer)}
        </button>
        <button
          type="button"
          className="btn small"
          onClick={() => void studioStore.getState().useRecallAsReference(offer.id)}
        >
          Just use it as a reference
        </button>
      </div>
      {more > 0 && <p className="recall-more">{plural(more, 'more image')} with a recipe after this one.</p>}
    </section>
  )
}

function Undo({ undo }: { undo: RecallUndo }) {
  return (
    <div className="notice recall-done" data-testid="recall-undo">
      <div className="notice-body">
        <span className="notice-text">
          Restored the prompt and ratio of “{undo.label}”.
          {undo.overLimit > 0 && ` ${plural(undo.overLimit, 'reference')} did not fit in the tray.`}
        </span>
      </div>
      <button type="button" className="btn small" onClick={() => studioStore.getState().undoRecall()}>
        <UndoIcon size={14} />
        Undo
      </button>
      <button
        type="button"
        className="btn ghost small icon"
        aria-label="Dismiss"
        onClick={() => studioStore.getState().dismissRecallUndo()}
      >
        <CloseIcon size={14} />
      </button>
    </div>
  )
}
