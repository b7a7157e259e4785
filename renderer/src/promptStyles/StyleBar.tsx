/**
 * Styles in the studio: the ones applied, as ordered chips (order matters:
 * see composePrompt), the library's styles as toggles (Alt+1…9 for the first
 * nine), and "Save as style" for the current text.
 */
import { useMemo, useState } from 'react'
import { resolveStyles, styleMode, type Style } from '../../../shared/styles'
import { useStudio } from '../stores/studio/store'
import { useStyles } from '../stores/styles/store'
import { CloseIcon, PlusIcon } from '../ui/icons'
import { SaveStyleForm } from './SaveStyleForm'
import './promptStyles.css'

/** Styles the keyboard reaches directly (Alt+1…9). */
export const STYLE_SHORTCUT_COUNT = 9

export function StyleBar() {
  const styles = useStyles((s) => s.styles)
  const applied = useStudio((s) => s.draft.styleIds)
  const prompt = useStudio((s) => s.draft.prompt)
  const toggleStyle = useStudio((s) => s.toggleStyle)
  const [saving, setSaving] = useState(false)
  // Derived here, not in the selector: a new array each time would re-render forever.
  const appliedStyles = useMemo(() => resolveStyles(applied, styles), [applied, styles])

  return (
    <div className="style-bar">
      {appliedStyles.length > 0 && (
        <ol className="style-chips" aria-label="Applied styles, in order">
          {appliedStyles.map((style, index) => (
            <li key={style.id} className="style-chip">
              <span>
                <span className="visually-hidden">{index + 1}. </span>
                {style.name}
              </span>
              <button
                type="button"
                className="btn ghost icon tiny"
                aria-label={`Remove style ${style.name}`}
                onClick={() => toggleStyle(style.id)}
              >
                <CloseIcon size={12} />
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="style-toggles" role="group" aria-label="Styles">
        {styles.map((style, index) => (
          <StyleToggle
            key={style.id}
            style={style}
            shortcut={index < STYLE_SHORTCUT_COUNT ? index + 1 : null}
            pressed={applied.includes(style.id)}
            onToggle={() => toggleStyle(style.id)}
          />
        ))}
        {!saving && (
          <button
            type="button"
            className="btn small ghost"
            disabled={prompt.trim() === ''}
            onClick={() => setSaving(true)}
          >
            <PlusIcon size={14} />
            Save as style
          </button>
        )}
      </div>
      {saving && <SaveStyleForm text={prompt} onDone={() => setSaving(false)} />}
    </div>
  )
}

function StyleToggle({
  style,
  shortcut,
  pressed,
  onToggle,
}: {
  style: Style
  shortcut: number | null
  pressed: boolean
  onToggle(): void
}) {
  const how = styleMode(style.text) === 'wrap' ? 'wraps the prompt' : 'appended'
  return (
    <button
      type="button"
      className="btn small style-toggle"
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut ? `Alt+${shortcut}` : undefined}
      title={`${style.text} (${how})${shortcut ? ` — Alt+${shortcut}` : ''}`}
      onClick={onToggle}
    >
      {style.name}
      {shortcut && (
        <kbd className="style-key" aria-hidden="true">
          {shortcut}
        </kbd>
      )}
    </button>
  )
}
