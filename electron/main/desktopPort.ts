/**
 * The desktop file actions (clipboard, save dialog, file manager, native drag,
 * folder picker) with Electron's APIs: the core's DesktopPort. The core has
 * already checked that every path is a file inside the library.
 */
import { clipboard, ClipboardItem, dialog, nativeImage, shell, type BrowserWindow } from 'electron'
import { copyFile } from 'node:fs/promises'
import { extname } from 'node:path'
import type { DesktopPort } from '../core/ports'

export function createDesktopPort(getWindow: () => BrowserWindow | null): DesktopPort {
  const window = () => {
    const current = getWindow()
    return current && !current.isDestroyed() ? current : null
  }
  return {
    async copyImage(absolutePath) {
      const image = nativeImage.createFromPath(absolutePath)
      if (image.isEmpty()) throw new Error(`not an image the clipboard can take: ${absolutePath}`)
      // PNG is what every application pastes; WebP and JPEG results are converted.
      const png = new Blob([new Uint8Array(image.toPNG())], { type: 'image/png' })
      await clipboard.write([new ClipboardItem({ 'image/png': png })])
    },

    async saveAs(absolutePath, suggestedName) {
      const ext = extname(absolutePath).slice(1).toLowerCase()
      const options = {
        title: 'Save Image',
        defaultPath: suggestedName,
        filters: [{ name: `${ext.toUpperCase()} image`, extensions: [ext] }],
      }
      const parent = window()
      const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      if (choice.canceled || !choice.filePath) return null
      await copyFile(absolutePath, choice.filePath)
      return choice.filePath
    },

    reveal(absolutePath) {
      shell.showItemInFolder(absolutePath)
    },

    startDrag(absolutePaths, iconPath) {
      const [first] = absolutePaths
      const contents = window()?.webContents
      if (!first || !contents) return
      // A drag icon must be small; the thumbnail resized to 96 px keeps it light.
      const icon = nativeImage.createFromPath(iconPath).resize({ width: 96 })
      contents.startDrag({ file: first, files: absolutePaths, icon })
    },

    async chooseFolder(purpose) {
      const options = {
        title: purpose === 'export' ? 'Export to Folder' : 'Import from Folder',
        buttonLabel: purpose === 'export' ? 'Export Here' : 'Import',
        properties: ['openDirectory' as const, 'createDirectory' as const],
      }
      const parent = window()
      const choice = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options)
      return choice.canceled ? null : (choice.filePaths[0] ?? null)
    },
  }
}
