/**
 * App-wide keyboard shortcuts, from the one command table (shared/appCommands.ts):
 * Ctrl/Cmd+Enter generate, +O add a reference, +1 Studio, +2 Library, +, Settings,
 * +F library search. Bound once on window. In the desktop app the native menu owns
 * these accelerators and sends `app.menuCommand` instead, so they are not handled twice.
 */
import { useEffect } from 'react'
import { commandForKeyPress } from '../../../shared/appCommands'
import { atelier } from '../api/client'
import { runAppCommand } from '../commands/appCommands'
import { uiStore } from '../stores/ui/store'
import { hasModifier } from './platform'

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
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
