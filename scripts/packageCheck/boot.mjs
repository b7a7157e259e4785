// Boots the packaged main bundle in plain Node with the stand-in `electron`
// module (node_modules/electron beside it), as an installed app would start:
// packaged, ready, then one request from the stand-in page, then the window
// closes. Prints one JSON line.
import electron from 'electron'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const { app, ipcMain, protocol, resetStandIn, StandInBrowserWindow } = electron
const [userData, resourcesPath] = process.argv.slice(2)
resetStandIn({ userData, isPackaged: true })
process.resourcesPath = resourcesPath
// What an inherited development environment would try; the packaged app must ignore it.
process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/'
process.env.ATELIER_API_BASE_URL = 'http://127.0.0.1:9/'

await import('./out/main/index.js')
app.markReady()

const deadline = Date.now() + 20_000
let window
while (!(window = StandInBrowserWindow.getAllWindows()[0]) || !ipcMain.handlers.has('atelier:request')) {
  if (Date.now() > deadline) throw new Error('no window or no IPC handler after 20 s')
  await new Promise((resolve) => setTimeout(resolve, 50))
}
window.webContents.mainFrame.url = window.webContents.getURL()
const reply = await ipcMain.invoke('atelier:request', { sender: window.webContents }, 'app.info', {})
const page = await protocol.fetch(window.webContents.getURL())
const logFile = join(app.getPath('logs'), 'atelier.log')
// pino writes asynchronously: give the line a moment to land.
let logged = false
for (let i = 0; i < 40 && !logged; i++) {
  logged = existsSync(logFile) && readFileSync(logFile, 'utf8').includes('core started, window created, IPC bound')
  if (!logged) await new Promise((resolve) => setTimeout(resolve, 50))
}
// Closing saves the window state through the packaged electron-store (ESM, loaded from the asar).
window.close()
const stateFile = join(userData, 'window-state.json')
const windowState = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : null
console.log(
  JSON.stringify({
    loaded: window.webContents.loaded,
    reply,
    page: {
      status: page.status,
      csp: page.headers.get('content-security-policy'),
      hasRoot: (await page.text()).includes('<div id="root">'),
    },
    logged,
    windowState,
  }),
)
process.exit(0)
