/**
 * Native menus. Items that act on the page send an `app.menuCommand` event; the
 * rest are Electron's standard roles (edit, window, services…).
 */
import { Menu, shell, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/contract'

export function buildMenu(send: (command: MenuCommand) => void, options: { dataDir: string }): Menu {
  const isMac = process.platform === 'darwin'
  const item = (label: string, accelerator: string, command: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(command),
  })
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            role: 'appMenu' as const,
            submenu: [
              { role: 'about' as const },
              { type: 'separator' as const },
              item('Settings…', 'CmdOrCtrl+,', 'open-settings'),
              { type: 'separator' as const },
              { role: 'services' as const },
              { type: 'separator' as const },
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              { type: 'separator' as const },
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
    {
      label: 'File',
      submenu: [
        item('Generate', 'CmdOrCtrl+Enter', 'generate'),
        item('Add Reference Image…', 'CmdOrCtrl+O', 'add-reference'),
        { type: 'separator' },
        { label: 'Open Library Folder', click: () => void shell.openPath(options.dataDir) },
        ...(isMac ? [] : [{ type: 'separator' as const }, item('Settings…', 'CmdOrCtrl+,', 'open-settings'), { role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        item('Studio', 'CmdOrCtrl+1', 'show-studio'),
        item('Library', 'CmdOrCtrl+2', 'show-library'),
        item('Search Library', 'CmdOrCtrl+F', 'focus-search'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'runblob API Documentation', click: () => void shell.openExternal('https://platform.runblob.io') }],
    },
  ]
  return Menu.buildFromTemplate(template)
}
