import { QueuePanel } from '../queue/QueuePanel'
import { ImagePlusIcon } from '../ui/icons'
import { AdvancedOptions } from './AdvancedOptions'
import { BatchButton } from './BatchDialog'
import { GenerateButton, GenerateSummary, SubmitError } from './GenerateButton'
import { AspectRatioPicker, VariationsPicker } from './OptionPickers'
import { PromptEditor } from './PromptEditor'
import { StyleBar } from '../promptStyles/StyleBar'
import { RecallPrompt } from './RecallPrompt'
import { ReferenceTray } from './ReferenceTray'
import { usePasteReferences, useReferenceDrop } from './useReferenceInput'
import './studio.css'

export function StudioView({ active }: { active: boolean }) {
  const { dragging, handlers } = useReferenceDrop()
  usePasteReferences(active)

  return (
    <div className={`studio ${dragging ? 'is-dragging' : ''}`} {...handlers}>
      <div className="studio-editor">
        <div className="studio-column">
          <section className="card compose" aria-label="Compose">
            <PromptEditor />
            <div className="compose-options">
              <AspectRatioPicker />
              <VariationsPicker />
              <GenerateButton />
              <BatchButton />
            </div>
            <GenerateSummary />
            <StyleBar />
            <SubmitError />
          </section>
          <ReferenceTray />
          <RecallPrompt />
          <AdvancedOptions />
        </div>
      </div>
      <QueuePanel />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-overlay-card">
            <ImagePlusIcon size={28} />
            <span>Drop to add as a reference image</span>
          </div>
        </div>
      )}
    </div>
  )
}
