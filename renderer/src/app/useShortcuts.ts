/**
 * App-wide keyboard shortcuts: Ctrl/Cmd+Enter generate, +1 Studio, +2 Library,
 * +, Settings, +F library search. Bound once on window.
 */
import { useEffect } from 'react'
import { studioStore } from '../stores/studio/store'
import { uiStore } from '../stores/ui/store'
import { hasModifier } from './platform'

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!hasModifier(event) || event.altKey) return
      const ui = uiStore.getState()
      // Shortcuts act on the main window only; inside a dialog, keys belong to the dialog.
      if (ui.settingsOpen || ui.viewer !== null || document.querySelector('[role="dialog"]') !== null) return
      switch (event.key) {
        case 'Enter':
          if (ui.view !== 'studio') return
          event.preventDefault()
          void studioStore.getState().generate()
          return
        case '1':
          event.preventDefault()
          ui.showView('studio')
          return
        case '2':
          event.preventDefault()
          ui.showView('library')
          return
        case ',':
          event.preventDefault()
          ui.setSettingsOpen(true)
          return
        case 'f':
        case 'F':
          event.preventDefault()
          ui.focusLibrarySearch()
          return
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
