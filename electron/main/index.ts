/**
 * Electron's main process entry. Everything is wired in ./shell.ts; this file
 * only starts it with the real process and, in the installed app, the updater.
 */
import { app } from 'electron'
import { startShell } from './shell'

const shell = startShell({
  argv: process.argv,
  env: process.env,
  mainDir: import.meta.dirname,
  loadUpdater: async () => (app.isPackaged ? (await import('electron-updater')).default.autoUpdater : null),
})

shell.ready.catch((error: unknown) => {
  console.error('Atelier failed to start:', error)
  app.exit(1)
})
