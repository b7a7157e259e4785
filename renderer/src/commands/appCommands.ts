/**
 * What each app command does in the page. The ids, labels and accelerators are
 * shared/appCommands.ts (the native menu reads the same table); the keyboard
 * shortcuts (useShortcuts.ts) and the native menu's `app.menuCommand` both run
 * these, so a command does the same thing however it is chosen.
 */
import { APP_COMMANDS, APP_COMMAND_IDS, type AppCommandId, type AppCommandSpec } from '../../../shared/appCommands'
import { requestRebuildDialog } from '../rebuild/RebuildSection'
import { studioStore } from '../stores/studio/store'
import { uiStore } from '../stores/ui/store'

export interface AppCommand extends AppCommandSpec {
  id: AppCommandId
  run(): void
}

/** The reference tray's file input registers itself here, so "Add Reference Image…" opens it. */
let referencePicker: (() => void) | null = null
export function setReferencePicker(open: (() => void) | null): void {
  referencePicker = open
}

const RUN: Record<AppCommandId, () => void> = {
  generate: () => {
    const ui = uiStore.getState()
    // Generate acts on the studio's prompt: from elsewhere it first shows it.
    if (ui.view !== 'studio') ui.showView('studio')
    else void studioStore.getState().generate()
  },
  'add-reference': () => {
    uiStore.getState().showView('studio')
    referencePicker?.()
  },
  'open-settings': () => uiStore.getState().setSettingsOpen(true),
  'show-studio': () => uiStore.getState().showView('studio'),
  'show-library': () => uiStore.getState().showView('library'),
  'focus-search': () => uiStore.getState().focusLibrarySearch(),
  'rebuild-library': () => {
    requestRebuildDialog()
    uiStore.getState().setSettingsOpen(true)
  },
  'open-palette': () => uiStore.getState().setPaletteOpen(true),
}

/** The table, in menu order; a command palette lists exactly this. */
export const appCommands: readonly AppCommand[] = APP_COMMAND_IDS.map((id) => ({
  id,
  ...APP_COMMANDS[id],
  run: RUN[id],
}))

export function runAppCommand(id: AppCommandId): void {
  RUN[id]()
}
