/**
 * App-wide keyboard shortcuts, from the one command table (shared/appCommands.ts):
 * Ctrl/Cmd+Enter generate, +O add a reference, +1 Studio, +2 Library, +, Settings,
 * +F library search, +K the command palette. Bound once on window. In the desktop app the
 * native menu owns these accelerators and sends `app.menuCommand` instead, so they are not
 * handled twice. Alt+1…9 (no Ctrl/Cmd; no menu item owns them) apply or remove the studio's
 * first nine styles, in both transports.
 */
import { useEffect } from 'react'
import { commandForKeyPress } from '../../../shared/appCommands'
import { atelier } from '../api/client'
import { runAppCommand } from '../commands/appCommands'
import { studioStore } from '../stores/studio/store'
import { stylesStore } from '../stores/styles/store'
import { uiStore } from '../stores/ui/store'
import { hasModifier } from './platform'

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey && !hasModifier(event) && !event.shiftKey) {
        toggleStyleByKey(event)
        return
      }
      if (!hasModifier(event)) return
      if (atelier.transport === 'electron') return
      const ui = uiStore.getState()
      // Shortcuts act on the main window only; inside a dialog, keys belong to the dialog.
      if (ui.settingsOpen || ui.viewer !== null || document.querySelector('[role="dialog"]') !== null) return
      const command = commandForKeyPress({ key: event.key, mod: true, shift: event.shiftKey, alt: event.altKey })
      if (!command) return
      // Generate from the keyboard only where the prompt is (the menu item also brings the studio forward).
      if (command === 'generate' && ui.view !== 'studio') return
      event.preventDefault()
      runAppCommand(command)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}

/** Alt+digit: the style at that place in the list, in the studio, outside dialogs. */
function toggleStyleByKey(event: KeyboardEvent): void {
  // `code`, not `key`: on a Mac, Alt+digit types a symbol (¡, ™…).
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1]
  const ui = uiStore.getState()
  if (!digit || ui.view !== 'studio' || ui.settingsOpen || ui.viewer !== null) return
  if (document.querySelector('[role="dialog"]') !== null) return
  const style = stylesStore.getState().styles[Number(digit) - 1]
  if (!style) return
  event.preventDefault()
  studioStore.getState().toggleStyle(style.id)
}
