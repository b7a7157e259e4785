/**
 * The native application menu, built from the command table that the page's
 * shortcuts also read (shared/appCommands.ts). Page commands are sent to the
 * page as `app.menuCommand`; the shell's own items (folders, updates, About)
 * run here. Standard editing and window items are Electron's roles.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron'
import { APP_COMMAND_IDS, APP_COMMANDS, type AppCommandId } from '../../shared/appCommands'

export interface MenuActions {
  /** A page command: sent to the page, which runs it as its shortcut does. */
  send(command: AppCommandId): void
  /** Commands the shell runs natively instead (the file picker needs no page gesture here). */
  native: Partial<Record<AppCommandId, () => void>>
  openLibraryFolder(): void
  openLogsFolder(): void
  checkForUpdates(): void
  showAbout(): void
}

export function buildMenu(actions: MenuActions, platform: NodeJS.Platform = process.platform): Menu {
  const isMac = platform === 'darwin'
  const command = (id: AppCommandId): MenuItemConstructorOptions => ({
    id,
    label: APP_COMMANDS[id].label,
    ...(APP_COMMANDS[id].accelerator ? { accelerator: APP_COMMANDS[id].accelerator } : {}),
    click: () => (actions.native[id] ?? (() => actions.send(id)))(),
  })
  const commandsIn = (menu: 'app' | 'file' | 'view') =>
    APP_COMMAND_IDS.filter(
      (id) => APP_COMMANDS[id].menu === menu || (!isMac && menu === 'file' && APP_COMMANDS[id].menu === 'app'),
    ).map(command)
  const separator = { type: 'separator' } as const
  const about: MenuItemConstructorOptions = { id: 'about', label: 'About Atelier', click: actions.showAbout }
  const updates: MenuItemConstructorOptions = {
    id: 'check-updates',
    label: 'Check for Updates…',
    click: actions.checkForUpdates,
  }

  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: 'Atelier',
            submenu: [
              about,
              updates,
              separator,
              ...commandsIn('app'),
              separator,
              { role: 'services' as const },
              separator,
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              separator,
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
    {
      label: 'File',
      submenu: [
        ...commandsIn('file'),
        separator,
        { id: 'open-library-folder', label: 'Open Library Folder', click: actions.openLibraryFolder },
        { id: 'open-logs-folder', label: 'Open Logs Folder', click: actions.openLogsFolder },
        ...(isMac ? [] : [separator, { role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...commandsIn('view'),
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [...(isMac ? [] : [about, updates, separator])],
    },
  ]
  return Menu.buildFromTemplate(template)
}
