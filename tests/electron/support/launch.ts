/**
 * Launching the real Electron app for the Electron e2e suite. Needs an Electron
 * binary; where there is none (machines that cannot download it) every spec
 * skips and says so once, plainly.
 */
import { _electron as electron, test, type ElectronApplication, type Page } from '@playwright/test'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createSimulator } from '../../../electron/core/simulator'
import type { Simulator } from '../../../electron/core/simulator/types'

const root = resolve(import.meta.dirname, '../../..')
const require = createRequire(import.meta.url)

export function electronBinary(): string | null {
  const dir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

export const binary = electronBinary()
let said = false
export function skipWithoutElectron(): void {
  if (!binary && !said) {
    said = true
    console.log(
      'Electron e2e skipped: no Electron binary on this machine (node_modules/electron/dist is missing; it cannot be downloaded here). The same flows ran through the shell tests and in Chromium through browser mode.',
    )
  }
  test.skip(!binary, 'no Electron binary on this machine')
}

export interface Running {
  app: ElectronApplication
  page: Page
  dataDir: string
  simulator: Simulator
  relaunch(): Promise<Running>
  close(): Promise<void>
}

/** The app against a fast simulator, with its own data folder (kept across `relaunch`). */
export async function launchAtelier(existing?: {
  dataDir?: string
  simulator?: Simulator
  env?: Record<string, string>
}): Promise<Running> {
  const simulator =
    existing?.simulator ?? (await createSimulator({ pendingMs: 500, processingMs: 800, resultLongEdge: 256 }))
  const dataDir = existing?.dataDir ?? (await mkdtemp(join(tmpdir(), 'atelier-electron-')))
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(root, 'out/main/index.js')],
    env: {
      ...process.env,
      ATELIER_DATA_DIR: dataDir,
      ATELIER_API_BASE_URL: simulator.url,
      ATELIER_API_KEY: 'sim-key',
      ...existing?.env,
    },
  })
  const page = await app.firstWindow()
  const running: Running = {
    app,
    page,
    dataDir,
    simulator,
    async relaunch() {
      await app.close()
      return launchAtelier({ dataDir, simulator, ...(existing?.env ? { env: existing.env } : {}) })
    },
    async close() {
      await app.close()
      await simulator.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
  return running
}

/** Clicks a native menu item by id, as the user would. */
export async function clickMenu(app: ElectronApplication, id: string): Promise<void> {
  await app.evaluate(({ Menu, BrowserWindow }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId)
    if (!item) throw new Error(`no menu item ${itemId}`)
    item.click(undefined, BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0], undefined as never)
  }, id)
}
