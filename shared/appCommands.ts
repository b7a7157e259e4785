/**
 * The app's commands: one table read by the native menu (electron/main/menu.ts),
 * the page's keyboard shortcuts and menu listener (renderer/src/commands), and a
 * future command palette. Ids and accelerators live here; what a command does
 * lives with whoever runs it.
 */
export const APP_COMMAND_IDS = [
  'generate',
  'add-reference',
  'open-settings',
  'show-studio',
  'show-library',
  'focus-search',
  'rebuild-library',
  'open-palette',
] as const
export type AppCommandId = (typeof APP_COMMAND_IDS)[number]

export interface AppCommandSpec {
  label: string
  /** Electron accelerator syntax; `CmdOrCtrl` is ⌘ on macOS and Ctrl elsewhere. Absent: no shortcut (a rare, weighty command). */
  accelerator?: string
  /** Where the native menu lists it (`app` is macOS's application menu, File elsewhere). */
  menu: 'app' | 'file' | 'view'
}

export const APP_COMMANDS: Record<AppCommandId, AppCommandSpec> = {
  generate: { label: 'Generate', accelerator: 'CmdOrCtrl+Enter', menu: 'file' },
  'add-reference': { label: 'Add Reference Image…', accelerator: 'CmdOrCtrl+O', menu: 'file' },
  'open-settings': { label: 'Settings…', accelerator: 'CmdOrCtrl+,', menu: 'app' },
  'show-studio': { label: 'Studio', accelerator: 'CmdOrCtrl+1', menu: 'view' },
  'show-library': { label: 'Library', accelerator: 'CmdOrCtrl+2', menu: 'view' },
  'focus-search': { label: 'Search Library', accelerator: 'CmdOrCtrl+F', menu: 'view' },
  /** Runs the core's `library.rebuild` after asking (Settings → Library). */
  'rebuild-library': { label: 'Rebuild Library from Files…', menu: 'file' },
  'open-palette': { label: 'Command Palette…', accelerator: 'CmdOrCtrl+K', menu: 'view' },
}

/** A key press, as much of it as an accelerator looks at. */
export interface KeyPress {
  key: string
  /** ⌘ on macOS, Ctrl elsewhere. */
  mod: boolean
  shift: boolean
  alt: boolean
}

/** Whether a key press is this accelerator (`CmdOrCtrl+Shift+K` style). */
export function matchesAccelerator(accelerator: string, press: KeyPress): boolean {
  const parts = accelerator.split('+')
  const key = parts.pop() ?? ''
  const wants = new Set(parts.map((p) => p.toLowerCase()))
  if (wants.has('cmdorctrl') !== press.mod) return false
  if (wants.has('shift') !== press.shift) return false
  if (wants.has('alt') !== press.alt) return false
  return press.key.toLowerCase() === key.toLowerCase()
}

/** The command a key press means, if any. */
export function commandForKeyPress(press: KeyPress): AppCommandId | null {
  return (
    APP_COMMAND_IDS.find((id) => {
      const accelerator = APP_COMMANDS[id].accelerator
      return accelerator !== undefined && matchesAccelerator(accelerator, press)
    }) ?? null
  )
}

/** The context-menu items for a generation, in menu order; which are offered comes from shared/generationActions.ts. */
export const GENERATION_MENU_ACTIONS = [
  'open',
  'remix',
  'use-as-reference',
  'copy-image',
  'copy-prompt',
  'save-as',
  'reveal',
  'favorite',
  'add-to-collection',
  'trash',
] as const
export type GenerationMenuAction = (typeof GENERATION_MENU_ACTIONS)[number]
