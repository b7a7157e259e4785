/**
 * Context menus. Text fields get editing and the spell checker's suggestions
 * (Electron's `context-menu` event carries them); a generation (library cell,
 * viewer) gets the actions shared/generationActions.ts allows, each sent back to
 * the page, which runs it as its own buttons do.
 */
import {
  Menu,
  type BrowserWindow,
  type ContextMenuParams,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron'
import type { GenerationMenuAction } from '../../shared/appCommands'
import type { Generation } from '../../shared/domain'
import { generationActions } from '../../shared/generationActions'

const MAX_SUGGESTIONS = 5

/** The menu for a right-click in the page; null when there is nothing to offer (the page shows no menu then). */
export function editMenuTemplate(
  contents: WebContents,
  params: ContextMenuParams,
): MenuItemConstructorOptions[] | null {
  const flags = params.editFlags
  const items: MenuItemConstructorOptions[] = []
  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS)
    for (const word of suggestions) items.push({ label: word, click: () => contents.replaceMisspelling(word) })
    if (suggestions.length === 0) items.push({ label: 'No Guesses Found', enabled: false })
    items.push({
      label: 'Add to Dictionary',
      click: () => contents.session.addWordToSpellCheckerDictionary(params.misspelledWord),
    })
    items.push({ type: 'separator' })
  }
  if (params.isEditable) {
    items.push(
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', enabled: flags.canUndo, click: () => contents.undo() },
      { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', enabled: flags.canRedo, click: () => contents.redo() },
      { type: 'separator' },
      { label: 'Cut', accelerator: 'CmdOrCtrl+X', enabled: flags.canCut, click: () => contents.cut() },
      { label: 'Copy', accelerator: 'CmdOrCtrl+C', enabled: flags.canCopy, click: () => contents.copy() },
      { label: 'Paste', accelerator: 'CmdOrCtrl+V', enabled: flags.canPaste, click: () => contents.paste() },
      { type: 'separator' },
      {
        label: 'Select All',
        accelerator: 'CmdOrCtrl+A',
        enabled: flags.canSelectAll,
        click: () => contents.selectAll(),
      },
    )
  } else if (params.selectionText.trim()) {
    items.push({ label: 'Copy', accelerator: 'CmdOrCtrl+C', enabled: flags.canCopy, click: () => contents.copy() })
  }
  return items.length > 0 ? items : null
}

export function attachEditContextMenu(window: BrowserWindow): void {
  window.webContents.on('context-menu', (_event, params) => {
    const template = editMenuTemplate(window.webContents, params)
    if (template) Menu.buildFromTemplate(template).popup({ window })
  })
}

const LABELS: Record<GenerationMenuAction, string> = {
  open: 'Open',
  remix: 'Remix',
  'use-as-reference': 'Use as Reference',
  'copy-image': 'Copy Image',
  'copy-prompt': 'Copy Prompt',
  'save-as': 'Save As…',
  reveal:
    process.platform === 'darwin'
      ? 'Show in Finder'
      : process.platform === 'win32'
        ? 'Show in Explorer'
        : 'Show in Folder',
  favorite: 'Favourite',
  'add-to-collection': 'Add to Collection…',
  trash: 'Move to Trash',
}

/** The items offered for this generation now, in menu order (separators between groups). */
export function generationMenuTemplate(
  g: Generation,
  run: (action: GenerationMenuAction) => void,
): MenuItemConstructorOptions[] {
  const can = generationActions(g)
  const item = (action: GenerationMenuAction, label = LABELS[action]): MenuItemConstructorOptions => ({
    id: action,
    label,
    click: () => run(action),
  })
  const groups: MenuItemConstructorOptions[][] = [
    [item('open'), ...(can.remix ? [item('remix')] : []), ...(can.useAsReference ? [item('use-as-reference')] : [])],
    [...(can.fileActions ? [item('copy-image')] : []), ...(can.copyPrompt ? [item('copy-prompt')] : [])],
    can.fileActions ? [item('save-as'), item('reveal')] : [],
    [
      ...(can.favorite ? [item('favorite', g.favorite ? 'Remove from Favourites' : 'Favourite')] : []),
      ...(can.collect ? [item('add-to-collection')] : []),
      ...(can.trash ? [item('trash')] : []),
    ],
  ]
  return groups
    .filter((group) => group.length > 0)
    .flatMap((group, i) => (i === 0 ? group : [{ type: 'separator' as const }, ...group]))
}
