/**
 * The desktop shell's events, bound once when the page starts: native menu
 * commands, a generation's context-menu item, a notification click, and the
 * images picked in the native "Add Reference Image…" dialog.
 */
import type { AtelierApi } from '../../../shared/api'
import { studioStore } from '../stores/studio/store'
import { uiStore } from '../stores/ui/store'
import { fileRequest } from '../studio/referenceSources'
import { runAppCommand } from './appCommands'
import { runGenerationAction } from './generationMenu'

export function bindShellEvents(api: AtelierApi): () => void {
  const off = [
    api.on('app.menuCommand', ({ command }) => runAppCommand(command)),
    api.on('app.openGeneration', ({ id }) => {
      uiStore.getState().setSettingsOpen(false)
      uiStore.getState().openViewer({ source: 'library', id })
    }),
    api.on('app.generationAction', ({ id, action }) => {
      void api
        .invoke('generation.get', { id })
        .then((g) => runGenerationAction(g, action))
        .catch((error: unknown) => console.warn(`[atelier] ${action} failed`, error))
    }),
    api.on('app.referenceFiles', ({ files }) => {
      uiStore.getState().showView('studio')
      const requests = files.map((f) => fileRequest(new File([f.bytes as Uint8Array<ArrayBuffer>], f.name)))
      if (requests.length > 0) void studioStore.getState().addReferences(requests)
    }),
  ]
  return () => off.forEach((unbind) => unbind())
}
