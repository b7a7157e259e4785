/**
 * Tasks in flight survive the app dying: browser mode is killed (SIGKILL, like a
 * crash or a power cut) while its tasks are at the provider, started again on
 * the same library, and the UI shows those same tasks resuming and completing —
 * with no second POST.
 */
import { test, expect } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSimulator } from '../../electron/core/simulator'
import type { Simulator } from '../../electron/core/simulator/types'
import { startBrowserProcess, type BrowserProcess } from './support/browserProcess'

let simulator: Simulator | null = null
let app: BrowserProcess | null = null
let dataDir = ''

test.afterEach(async () => {
  await app?.kill()
  await simulator?.close()
  if (dataDir && test.info().status === 'passed') await rm(dataDir, { recursive: true, force: true })
})

test('killed with two tasks in flight, the app resumes them after a restart', async ({ page }) => {
  // Long enough that both tasks are still at the provider when the app dies.
  simulator = await createSimulator({ pendingMs: 6000, processingMs: 3000, resultLongEdge: 512 })
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-resume-'))
  const env = { ATELIER_DATA_DIR: dataDir, ATELIER_API_BASE_URL: simulator.url, ATELIER_API_KEY: 'sim-key' }

  app = await startBrowserProcess(env)
  await page.goto(app.url)
  await page.getByRole('textbox', { name: 'Prompt' }).fill('two paper boats on a pond')
  await page.getByRole('radio', { name: '2 images' }).check()
  await page.getByRole('button', { name: /^Generate( \d)?$/ }).click()
  const items = page
    .getByRole('region', { name: 'Queue' })
    .getByRole('listitem')
    .filter({ hasText: 'two paper boats on a pond' })
  await expect(items).toHaveCount(2)
  // Both POSTs answered: the task uuids are in the ledger.
  await expect(items.and(page.locator('[data-status="pending"]'))).toHaveCount(2)
  expect(simulator.tasks()).toHaveLength(2)

  await app.kill('SIGKILL')
  app = await startBrowserProcess(env)
  await page.goto(app.url)

  const resumed = page
    .getByRole('region', { name: 'Queue' })
    .getByRole('listitem')
    .filter({ hasText: 'two paper boats on a pond' })
  await expect(resumed).toHaveCount(2)
  await expect(resumed.and(page.locator('[data-status="completed"]'))).toHaveCount(2, { timeout: 60_000 })
  await expect(resumed.getByRole('img', { name: 'two paper boats on a pond' })).toHaveCount(2)
  expect(simulator.requests.filter((r) => r.method === 'POST')).toHaveLength(2)
})
