/**
 * A generation's context menu. In the desktop app a right-click asks the shell
 * for the native menu (its items follow shared/generationActions.ts); the chosen
 * item comes back as `app.generationAction` and runs here, exactly as the
 * page's own buttons do. In a browser the browser's own menu is left alone.
 */
import type { MouseEvent } from 'react'
import type { GenerationMenuAction } from '../../../shared/appCommands'
import type { Generation } from '../../../shared/domain'
import { atelier } from '../api/client'
import { copyImage, revealImage, saveImageAs } from '../library/fileActions'
import { collectionsStore } from '../stores/collections/store'
import { libraryStore } from '../stores/library/store'
import { studioStore } from '../stores/studio/store'
import { uiStore } from '../stores/ui/store'
import { copyText } from '../ui/clipboard'

/** `onContextMenu` for a library cell or the viewer. */
export function openGenerationMenu(event: MouseEvent, id: string): void {
  if (atelier.transport !== 'electron') return
  event.preventDefault()
  void atelier
    .invoke('menu.showGenerationContext', {
      id,
      x: Math.max(0, Math.round(event.clientX)),
      y: Math.max(0, Math.round(event.clientY)),
    })
    .catch((error: unknown) => {
      console.warn('[atelier] context menu', error)
    })
}

const toStudio = () => {
  uiStore.getState().closeViewer()
  uiStore.getState().showView('studio')
}

export async function runGenerationAction(g: Generation, action: GenerationMenuAction): Promise<void> {
  switch (action) {
    case 'open':
      uiStore.getState().openViewer({ source: 'library', id: g.id })
      return
    case 'remix':
      studioStore.getState().remix(g)
      toStudio()
      return
    case 'use-as-reference':
      toStudio()
      await studioStore.getState().addGenerationAsReference(g)
      return
    case 'copy-image':
      await copyImage(g)
      return
    case 'copy-prompt':
      await copyText(g.prompt)
      return
    case 'save-as':
      await saveImageAs(g)
      return
    case 'reveal':
      await revealImage(g)
      return
    case 'favorite':
      await libraryStore.getState().setFavorite(g.id, !g.favorite)
      return
    case 'add-to-collection': {
      // With the image in a selection, the picker takes the whole selection, as a drag does.
      const selection = libraryStore.getState().selection
      collectionsStore.getState().openPicker(selection.has(g.id) ? [...selection] : [g.id])
      return
    }
    case 'trash':
      await libraryStore.getState().remove([g.id])
      return
  }
}
