/**
 * `npm run browser` with nothing configured, as a newcomer meets it: the welcome
 * offers Demo mode, the built-in simulator makes an image, nothing is sent
 * anywhere, and the console stays clean.
 */
import { test, expect } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBrowserProcess, type BrowserProcess } from './support/browserProcess'

let app: BrowserProcess | null = null
let dataDir = ''

test.afterEach(async () => {
  await app?.kill()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

test('first run in Demo mode: welcome, generate, see the image, no console errors', async ({ page }) => {
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-demo-'))
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  // No API base URL and no key: Demo mode against the built-in simulator.
  app = await startBrowserProcess({ ATELIER_DATA_DIR: dataDir, ATELIER_API_BASE_URL: '', ATELIER_API_KEY: '' })
  await page.goto(app.url)

  const welcome = page.getByRole('dialog', { name: 'Welcome to Atelier' })
  await expect(welcome).toBeVisible()
  await welcome.getByRole('button', { name: 'Try Demo mode' }).click()
  await expect(welcome).toBeHidden()
  await expect(page.getByText(/Demo/).first()).toBeVisible()

  await page.getByRole('textbox', { name: 'Prompt' }).fill('a teapot shaped like a snail')
  await page.getByRole('button', { name: /^Generate( \d)?$/ }).click()
  const item = page
    .getByRole('region', { name: 'Queue' })
    .getByRole('listitem')
    .filter({ hasText: 'a teapot shaped like a snail' })
  await expect(item.locator('[data-status="completed"]')).toBeVisible({ timeout: 60_000 })
  const image = item.getByRole('img', { name: 'a teapot shaped like a snail' })
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
  // Demo mode charges nothing, and says so.
  await expect(item).toContainText('$0.00')
  await page.screenshot({ path: test.info().outputPath('demo-completed.png') })
  expect(errors).toEqual([])
})
