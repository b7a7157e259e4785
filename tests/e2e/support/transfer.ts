/**
 * Export and import as a person does them in browser mode: from the library's
 * "More library actions" menu, naming a folder inside the library's transfers/
 * (docs/security.md, finding 5); and an empty second library to import into.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browserHost'
import { createSilentLogger } from '../../../electron/core/logging/createLogger'
import { expect, SIM_KEY, type World } from './fixtures'

const root = resolve(import.meta.dirname, '../../..')

const MENU_ITEM = { export: 'Export the library…', import: 'Import a folder…' } as const
const DIALOG = { export: 'Export the library', import: 'Import a folder' } as const
const BUTTON = { export: 'Export', import: 'Import' } as const

export type TransferKind = keyof typeof MENU_ITEM

/** Opens Export or Import from the library's menu; returns its dialog. */
export async function openTransfer(page: Page, kind: TransferKind): Promise<Locator> {
  await page.getByRole('button', { name: 'More library actions' }).click()
  await page.getByRole('menuitem', { name: MENU_ITEM[kind] }).click()
  return page.getByRole('dialog', { name: DIALOG[kind] })
}

/** Names the folder in the open dialog and presses Export or Import. */
export async function runTransfer(dialog: Locator, kind: TransferKind, folder: string): Promise<void> {
  await dialog.getByRole('textbox', { name: 'Folder' }).fill(folder)
  await dialog.getByRole('button', { name: BUTTON[kind] }).click()
}

/**
 * An empty library in a temp folder of its own, served by its own host, with the
 * exported folder moved into its transfers/ as a user would; the page is on its
 * (empty) library when `use` runs. Host and folder are gone afterwards, whatever happens.
 */
export async function inEmptyLibrary(
  world: World,
  page: Page,
  exported: { dir: string; name: string },
  use: (dataDir: string) => Promise<void>,
): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-import-'))
  let other: BrowserHost | null = null
  try {
    await cp(exported.dir, join(dataDir, 'transfers', exported.name), { recursive: true })
    other = await startBrowserHost({
      dataDir,
      rendererDir: join(root, 'out', 'renderer'),
      logger: createSilentLogger(),
      appVersion: 'e2e',
      env: { apiBaseUrl: world.simulator.url, apiKey: SIM_KEY },
    })
    await page.goto(other.url)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click()
    await expect(page.getByText('No images yet')).toBeVisible()
    await use(dataDir)
  } finally {
    await other?.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}
