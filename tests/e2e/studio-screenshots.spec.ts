/**
 * The studio as it looks — empty, with references, with a running queue — in
 * the light and the dark theme (following the OS), saved as test artifacts.
 */
import type { Page, TestInfo } from '@playwright/test'
import { test, expect } from './support/fixtures'
import { alphaPng, dropFiles, photoJpeg } from './support/images'
import { studioPage } from './support/studioPage'

// Slow enough that the running queue holds still for both shots.
test.use({ simulatorOptions: { pendingMs: 1500, processingMs: 8000, resultLongEdge: 512 } })

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await expect
      .poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor))
      .toBe(scheme === 'light' ? 'rgb(245, 245, 243)' : 'rgb(20, 20, 22)')
    const path = testInfo.outputPath(`${name}-${scheme}.png`)
    await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
    await testInfo.attach(`${name}-${scheme}`, { path, contentType: 'image/png' })
  }
}

test('studio screenshots: empty, with references, with a running queue — light and dark', async ({
  world,
  studio: page,
}, testInfo) => {
  const studio = studioPage(page)
  await expect(page.getByText('Nothing in the queue.')).toBeVisible()
  await shoot(page, testInfo, 'studio-empty')

  await studio.prompt.fill('a lighthouse on a cliff at dusk, long exposure, soft pastel sky')
  await studio.ratio('4:3').check()
  await studio.variations(3).check()
  await dropFiles(studio.tray, [
    await photoJpeg('harbour.jpg', 2400, 1600, 11),
    await photoJpeg('cliffs.jpg', 1200, 1600, 12),
    await alphaPng('logo.png', 400, 400),
  ])
  await expect(studio.references).toHaveCount(3)
  for (const thumb of await studio.references.locator('img').all()) {
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
  }
  await shoot(page, testInfo, 'studio-references')

  await studio.generate.click()
  await expect(studio.queueItems.locator('[data-status="processing"]')).toHaveCount(3, { timeout: 20_000 })
  await shoot(page, testInfo, 'studio-running')

  await expect(studio.queueItems.locator('[data-status="completed"]')).toHaveCount(3, { timeout: 30_000 })
  await shoot(page, testInfo, 'studio-completed')
  expect(world.consoleErrors).toEqual([])
})
