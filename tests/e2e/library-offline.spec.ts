/**
 * Offline: with the simulator gone entirely (no API at all), the library still
 * opens, searches and shows images in the viewer. A thumbnail missing on disk
 * is rebuilt from its original in the background; an image missing on disk is
 * shown as missing — never as an error page or a failed request.
 */
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import {
  cell,
  countText,
  grid,
  libraryCount,
  matching,
  openInViewer,
  readRows,
  RARE_WORD,
  seedLibrary,
  viewer,
} from './support/seed'

test('with the API gone, the library, search and viewer still work; missing files are handled', async ({
  world,
  page,
}, testInfo) => {
  const { rows, newestFirst } = await seedLibrary(world.dataDir)
  const [withoutImage, withoutThumb] = newestFirst.filter((r) => r.status === 'completed')
  rmSync(join(world.dataDir, `images/${withoutImage!.id}.png`))
  rmSync(join(world.dataDir, `thumbs/${withoutThumb!.id}.webp`))

  // Cut the network: the simulator is closed for good, then the app starts.
  await world.simulator.close()
  const host = await world.restart()
  // The background check runs shortly after start: the thumbnail comes back, the image is flagged.
  await expect
    .poll(() => existsSync(join(world.dataDir, `thumbs/${withoutThumb!.id}.webp`)), { timeout: 30_000 })
    .toBe(true)
  await expect
    .poll(
      () =>
        readRows(world.dataDir, `SELECT image_missing FROM generations WHERE id = '${withoutImage!.id}'`)[0]
          ?.image_missing,
      { timeout: 30_000 },
    )
    .toBe(1)

  await page.goto(host.url)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click()
  await expect(libraryCount(page)).toHaveText(countText(rows.length))
  await expect(cell(page, withoutImage!.id)).toContainText('Image file missing')
  const rebuilt = cell(page, withoutThumb!.id).getByRole('img')
  await expect.poll(() => rebuilt.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)

  // Search works offline.
  await page.getByRole('searchbox', { name: 'Search prompts' }).fill(RARE_WORD)
  await expect(libraryCount(page)).toHaveText(countText(matching(rows, RARE_WORD).length))
  await expect(grid(page).getByRole('img').first()).toBeVisible()
  await page.getByRole('searchbox', { name: 'Search prompts' }).fill('')
  await expect(libraryCount(page)).toHaveText(countText(rows.length))

  // The viewer shows the missing image as missing, and the next one in full.
  await openInViewer(page, withoutImage!.id)
  await expect(viewer(page).getByText('The image file is missing')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('offline-missing.png') })
  const next = newestFirst[newestFirst.indexOf(withoutImage!) + 1]!
  await page.keyboard.press('ArrowRight')
  await expect(viewer(page).getByRole('region', { name: 'Prompt' })).toHaveText(next.prompt)
  if (next.status === 'completed') {
    const image = viewer(page).getByRole('img', { name: next.prompt })
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
  }
  expect(world.consoleErrors).toEqual([])
})
