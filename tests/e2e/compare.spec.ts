/**
 * Compare as a person uses it: three images from a library selection side by
 * side, zoomed and panned together; positions swapped by key; down to two and
 * the before/after slider moved by keyboard; then "Keep" — the kept one is a
 * favourite, the other one compared is in the trash (with undo), and the image
 * taken out of the comparison is untouched. Checked in the UI and in the core.
 * Then the viewer's two ways in: the variations of one prompt, and a result
 * beside its references.
 */
import type { Locator } from '@playwright/test'
import { test, expect } from './support/fixtures'
import { invoke } from './support/core'
import { cell, countText, libraryCount, openInViewer, openSeededLibrary, viewer } from './support/seed'
import { studioPage } from './support/studioPage'

/** The inline transform of every pane's image, in position order. */
const transforms = (images: Locator) =>
  images.evaluateAll((all) => all.map((img) => (img as HTMLImageElement).style.transform))

test('three images side by side zoom and pan together; two with a slider; keep one, trash the other', async ({
  world,
  page,
}, testInfo) => {
  const { rows, newestFirst } = await openSeededLibrary(world, page, { count: 60 })
  const [a, b, c] = newestFirst.filter((r) => r.status === 'completed' && !r.favorite)
  for (const row of [a!, b!, c!])
    await cell(page, row.id)
      .locator('.library-open')
      .click({ modifiers: ['Control'] })
  const selection = page.getByRole('toolbar', { name: 'Selection' })
  await expect(selection).toContainText('3 selected')
  await selection.getByRole('button', { name: 'Compare' }).click()

  const compare = page.getByRole('dialog', { name: /^Compare/ })
  await expect(compare).toHaveAccessibleName('Compare 3 images')
  const panes = compare.getByRole('group', { name: /^Position \d/ })
  await expect(panes).toHaveCount(3)
  // In the order they were selected, each named by its prompt.
  for (const [i, row] of [a!, b!, c!].entries()) {
    await expect(panes.nth(i)).toHaveAccessibleName(`Position ${i + 1}: ${row.prompt}`)
    await expect(panes.nth(i).getByRole('img', { name: row.prompt })).toBeVisible()
  }
  const images = compare.locator('img.compare-image')
  await expect(images).toHaveCount(3)
  for (const img of await images.all()) {
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true)
  }
  expect(new Set(await transforms(images))).toEqual(new Set(['translate(0px, 0px) scale(1)']))

  // The wheel over the first pane zooms every pane, around the same point.
  const box = (await images.nth(0).boundingBox())!
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.3)
  await page.mouse.wheel(0, -300)
  await expect(images.nth(0)).not.toHaveAttribute('data-scale', '1.00')
  const zoomed = await transforms(images)
  expect(zoomed[0]).toMatch(/scale\((?!1\))/)
  expect(zoomed).toEqual([zoomed[0], zoomed[0], zoomed[0]])
  const zoomedScale = await images.nth(0).getAttribute('data-scale')
  for (const img of await images.all()) await expect(img).toHaveAttribute('data-scale', zoomedScale!)

  // Keys: + zooms all, an arrow pans all, 0 fits all again.
  await page.keyboard.press('2')
  await expect(panes.nth(1)).toBeFocused()
  await page.keyboard.press('+')
  await page.keyboard.press('ArrowRight')
  const panned = await transforms(images)
  expect(panned[0]).not.toBe(zoomed[0])
  expect(panned).toEqual([panned[0], panned[0], panned[0]])
  const shot = testInfo.outputPath('compare-three-zoomed.png')
  await page.screenshot({ path: shot, animations: 'disabled' })
  await testInfo.attach('compare-three-zoomed', { path: shot, contentType: 'image/png' })
  await page.keyboard.press('0')
  expect(new Set(await transforms(images))).toEqual(new Set(['translate(0px, 0px) scale(1)']))

  // 3 focuses the third position; Shift+1 moves that image to the first (the first goes to the third).
  await page.keyboard.press('3')
  await expect(panes.nth(2)).toBeFocused()
  await page.keyboard.press('Shift+Digit1')
  await expect(panes.nth(0)).toHaveAccessibleName(`Position 1: ${c!.prompt}`)
  await expect(panes.nth(2)).toHaveAccessibleName(`Position 3: ${a!.prompt}`)
  await expect(panes.nth(0)).toBeFocused()
  await expect(compare.getByRole('status')).toContainText(`Moved to position 1: ${c!.prompt}`)

  // The slider needs exactly two: S says so, then one image leaves the comparison (not the library).
  await page.keyboard.press('s')
  await expect(compare.getByRole('status')).toContainText('The slider compares exactly two images')
  await expect(compare.getByRole('slider')).toHaveCount(0)
  await panes.nth(2).getByRole('button', { name: 'Remove from comparison' }).click()
  await expect(compare).toHaveAccessibleName('Compare 2 images')
  await expect(panes).toHaveCount(2)
  await page.keyboard.press('1')
  await page.keyboard.press('s')
  await expect(compare.getByRole('button', { name: 'Slider' })).toHaveAttribute('aria-pressed', 'true')

  // The divider is an ARIA slider, focused when the slider comes on, moved by keyboard alone.
  const slider = compare.getByRole('slider', { name: 'Before and after' })
  await expect(slider).toHaveAttribute('aria-valuenow', '50')
  await expect(slider).toBeFocused()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect(slider).toHaveAttribute('aria-valuenow', '40')
  await expect(slider).toHaveAttribute('aria-valuetext', '40% position 1, 60% position 2')
  const before = compare.getByTestId('compare-before')
  await expect.poll(() => before.evaluate((el) => getComputedStyle(el).clipPath)).toBe('inset(0px 60% 0px 0px)')
  await page.keyboard.press('End')
  await expect(slider).toHaveAttribute('aria-valuenow', '100')
  await page.keyboard.press('PageDown')
  await expect(slider).toHaveAttribute('aria-valuenow', '80')
  // Arrows on the slider move the divider, never the (fitted) images.
  expect(new Set(await transforms(compare.locator('img.compare-image')))).toEqual(
    new Set(['translate(0px, 0px) scale(1)']),
  )
  const sliderShot = testInfo.outputPath('compare-slider.png')
  await page.screenshot({ path: sliderShot, animations: 'disabled' })
  await testInfo.attach('compare-slider', { path: sliderShot, contentType: 'image/png' })

  // Keep the one now in position 2 (b): favourite; the other compared (c) goes to the trash, with undo.
  await panes.nth(1).getByRole('button', { name: 'Keep' }).click()
  await expect(compare).toBeHidden()
  await expect(page.getByRole('status').filter({ hasText: 'Moved 1 image to the trash.' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible()
  await expect(libraryCount(page)).toHaveText(countText(rows.length - 1))
  await expect(cell(page, c!.id)).toHaveCount(0)
  await expect(cell(page, b!.id).getByRole('button', { name: 'Favourite' })).toHaveAttribute('aria-pressed', 'true')
  // The one taken out of the comparison is still in the library, as it was.
  await expect(cell(page, a!.id)).toBeVisible()

  const kept = await invoke(page, 'generation.get', { id: b!.id })
  const trashed = await invoke(page, 'generation.get', { id: c!.id })
  const untouched = await invoke(page, 'generation.get', { id: a!.id })
  expect([kept.favorite, kept.deletedAt ?? null]).toEqual([true, null])
  expect(trashed.deletedAt).toEqual(expect.any(String))
  expect(trashed.favorite).toBe(false)
  expect([untouched.favorite, untouched.deletedAt ?? null]).toEqual([false, null])
  expect(world.consoleErrors).toEqual([])
})

test('the variations of one prompt, from the viewer: keep one, the other two go to the trash, undo brings them back', async ({
  world,
  studio: page,
}) => {
  const studio = studioPage(page)
  await studio.prompt.fill('a paper kite over sand dunes')
  await studio.variations(3).check()
  await studio.generate.click()
  await expect(studio.queueItems.locator('[data-status="completed"]')).toHaveCount(3, { timeout: 30_000 })
  const ids = await studio.queueItems.evaluateAll((items) => items.map((item) => item.getAttribute('data-id')!))

  // The thumbnail is a button named by its image's prompt.
  await studio.queueItems.first().getByRole('button', { name: 'a paper kite over sand dunes' }).click()
  const viewer = page.getByRole('dialog')
  await viewer.getByRole('button', { name: 'Compare 3 variations' }).click()
  const compare = page.getByRole('dialog', { name: 'Compare 3 images' })
  await expect(compare).toBeVisible()
  const panes = compare.getByRole('group', { name: /^Position \d: a paper kite over sand dunes$/ })
  await expect(panes).toHaveCount(3)
  const shown = await panes.evaluateAll((all) => all.map((pane) => pane.getAttribute('data-key')!))
  expect([...shown].sort()).toEqual([...ids].sort())
  // The one the viewer showed comes first.
  expect(shown[0]).toBe(ids[0])

  // Keyboard alone: 2 focuses the second, Tab reaches its buttons, Enter on Keep.
  await page.keyboard.press('2')
  const keep = panes.nth(1).getByRole('button', { name: 'Keep' })
  for (let i = 0; i < 6 && !(await keep.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab')
  await expect(keep).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(compare).toBeHidden()
  // The studio shows the toast too: a delete from compare can be undone wherever it happened.
  await expect(page.getByRole('status').filter({ hasText: 'Moved 2 images to the trash.' })).toBeVisible()
  const kept = shown[1]!
  const others = shown.filter((id) => id !== kept)
  expect((await invoke(page, 'generation.get', { id: kept })).favorite).toBe(true)
  for (const id of others) expect((await invoke(page, 'generation.get', { id })).deletedAt).toEqual(expect.any(String))

  await page.getByRole('button', { name: 'Undo' }).click()
  for (const id of others)
    await expect.poll(async () => (await invoke(page, 'generation.get', { id })).deletedAt ?? null).toBeNull()
  expect(world.consoleErrors).toEqual([])
})

test('a result beside its references, from the viewer: inputs are shown, never offered for the trash', async ({
  world,
  page,
}) => {
  const { newestFirst } = await openSeededLibrary(world, page, { count: 60 })
  const remix = newestFirst.find((r) => r.status === 'completed' && r.parentId !== null && r.references === 2)!
  await openInViewer(page, remix.id)
  await viewer(page).getByRole('button', { name: 'Compare with references' }).click()
  const compare = page.getByRole('dialog', { name: 'Compare with references' })
  await expect(compare).toBeVisible()
  const panes = compare.getByRole('group', { name: /^Position \d/ })
  await expect(panes).toHaveCount(3)
  await expect(panes.nth(0)).toHaveAccessibleName(`Position 1: ${remix.prompt}`)
  await expect(panes.nth(1)).toHaveAccessibleName(/^Position 2: Reference 1/)
  await expect(panes.nth(2)).toHaveAccessibleName(/^Position 3: Reference 2: photo-\d\.jpg$/)
  for (const img of await compare.locator('img.compare-image').all()) {
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true)
  }
  // One result only: nothing to keep it against.
  await expect(compare.getByRole('button', { name: 'Keep' })).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(compare).toBeHidden()
  expect(world.consoleErrors).toEqual([])
})
