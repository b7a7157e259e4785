/**
 * App-wide keyboard shortcuts: Ctrl/Cmd+Enter generate, +1 Studio, +2 Library,
 * +, Settings, +F library search, +K the command palette; Alt+1…9 (no Ctrl/Cmd)
 * apply or remove the studio's first nine styles. Bound once on window.
 */
import { useEffect } from 'react'
import { studioStore } from '../stores/studio/store'
import { stylesStore } from '../stores/styles/store'
import { uiStore } from '../stores/ui/store'
import { hasModifier } from './platform'

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const ui = uiStore.getState()
      // Shortcuts act on the main window only; inside a dialog, keys belong to the dialog.
      if (ui.settingsOpen || ui.viewer !== null || document.querySelector('[role="dialog"]') !== null) return
      if (event.altKey && !hasModifier(event) && !event.shiftKey) {
        // `code`, not `key`: on a Mac, Alt+digit types a symbol (¡, ™…).
        const digit = /^Digit([1-9])$/.exec(event.code)?.[1]
        if (!digit || ui.view !== 'studio') return
        const style = stylesStore.getState().styles[Number(digit) - 1]
        if (!style) return
        event.preventDefault()
        studioStore.getState().toggleStyle(style.id)
        return
      }
      if (!hasModifier(event) || event.altKey) return
      switch (event.key) {
        case 'k':
        case 'K':
          event.preventDefault()
          ui.setPaletteOpen(true)
          return
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
