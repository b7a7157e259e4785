/**
 * Browsing a used library of 300 generations as a person does: search narrows
 * as you type, filters combine (and come back after a reload), the viewer walks
 * the result set with the arrow keys (across pages), zooms, and walks the remix
 * family tree; Remix puts prompt, ratio and references back into the studio.
 */
import { test, expect } from './support/fixtures'
import {
  cell,
  countText,
  grid,
  libraryCount,
  matching,
  openInViewer,
  openSeededLibrary,
  RARE_WORD,
  viewer,
} from './support/seed'

test('search narrows as you type, filters combine, and the view survives a reload', async ({
  world,
  page,
}, testInfo) => {
  const { rows, newestFirst } = await openSeededLibrary(world, page)
  const search = page.getByRole('searchbox', { name: 'Search prompts' })

  // Each keystroke narrows the grid to prompts with a word starting that way.
  let previous = rows.length
  for (const typed of ['c', 'ca', 'castle', 'castle n', 'castle number 2']) {
    await search.fill(typed)
    const expected = matching(rows, typed).length
    expect(expected).toBeLessThanOrEqual(previous)
    await expect(libraryCount(page)).toHaveText(countText(expected))
    previous = expected
  }
  const shown = grid(page).getByRole('img')
  await expect(shown.first()).toBeVisible()
  for (const alt of await shown.evaluateAll((images) => images.map((image) => image.getAttribute('alt') ?? ''))) {
    expect(alt).toMatch(/castle number 2/)
  }
  await search.fill(RARE_WORD)
  await expect(libraryCount(page)).toHaveText(countText(matching(rows, RARE_WORD).length))
  await search.fill('')
  await expect(libraryCount(page)).toHaveText(countText(rows.length))

  // Filters combine: failed or completed, 3:4 only, favourites, made without references.
  const filters = page.getByRole('group', { name: 'Filters' })
  await filters.getByRole('button', { name: 'Status' }).click()
  await page.getByRole('checkbox', { name: 'Completed' }).check()
  await page.keyboard.press('Escape')
  await expect(libraryCount(page)).toHaveText(countText(rows.filter((r) => r.status === 'completed').length))
  await filters.getByRole('button', { name: /^Ratio/ }).click()
  await page.getByRole('checkbox', { name: '3:4' }).check()
  await page.keyboard.press('Escape')
  await filters.getByRole('button', { name: 'Favourites' }).click()
  await filters.getByRole('combobox', { name: 'References' }).selectOption('without')
  const combined = rows.filter(
    (r) => r.status === 'completed' && r.aspectRatio === '3:4' && r.favorite && r.references === 0,
  )
  expect(combined.length).toBeGreaterThan(1)
  await expect(libraryCount(page)).toHaveText(countText(combined.length))
  await expect(grid(page).getByRole('listitem')).toHaveCount(combined.length)

  // A date range (local days, both included) narrows further; the sort puts the oldest first.
  const days = combined
    .map((r) => new Date(r.createdAt))
    .map(
      (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`,
    )
  const from = [...days].sort()[1]!
  await filters.getByRole('button', { name: 'Any date' }).click()
  await page.getByLabel('From').fill(from)
  await page.keyboard.press('Escape')
  const inRange = combined.filter((_, i) => days[i]! >= from)
  await expect(libraryCount(page)).toHaveText(countText(inRange.length))
  await filters.getByRole('combobox', { name: 'Sort' }).selectOption('oldest')
  await expect(grid(page).getByRole('listitem').first()).toHaveAttribute(
    'data-id',
    [...inRange].sort((a, b) => a.index - b.index)[0]!.id,
  )
  await page.screenshot({ path: testInfo.outputPath('library-filtered.png') })

  // The whole view comes back after a reload (the core keeps it).
  await page.reload()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click()
  await expect(libraryCount(page)).toHaveText(countText(inRange.length))
  await expect(filters.getByRole('button', { name: 'Favourites' })).toHaveAttribute('aria-pressed', 'true')
  await expect(filters.getByRole('combobox', { name: 'Sort' })).toHaveValue('oldest')

  await filters.getByRole('button', { name: 'Clear filters' }).click()
  await expect(libraryCount(page)).toHaveText(countText(rows.length))
  // Sort by price: the most expensive first.
  await filters.getByRole('combobox', { name: 'Sort' }).selectOption('price')
  const priciest = [...newestFirst].sort((a, b) => Number(b.price) - Number(a.price))[0]!
  await expect(grid(page).getByRole('listitem').first()).toHaveAttribute('data-id', priciest.id)
  expect(world.consoleErrors).toEqual([])
})

test('the viewer walks the result set with the arrow keys, zooms, and walks the lineage', async ({
  world,
  page,
}, testInfo) => {
  const { rows, newestFirst } = await openSeededLibrary(world, page)
  const completedFirst = newestFirst.find((r) => r.status === 'completed')!
  const start = newestFirst.indexOf(completedFirst)
  await openInViewer(page, completedFirst.id)
  const dialog = viewer(page)
  const title = dialog.getByRole('heading', { level: 2 })
  const prompt = dialog.getByRole('region', { name: 'Prompt' })
  await expect(title).toHaveText(`Image ${start + 1} of ${rows.length}`)
  await expect(prompt).toHaveText(completedFirst.prompt)

  for (let step = 1; step <= 3; step++) await page.keyboard.press('ArrowRight')
  await expect(title).toHaveText(`Image ${start + 4} of ${rows.length}`)
  await expect(prompt).toHaveText(newestFirst[start + 3]!.prompt)
  await page.keyboard.press('ArrowLeft')
  await expect(prompt).toHaveText(newestFirst[start + 2]!.prompt)
  // Past the first page of 60: the next pages load as the viewer walks into them.
  for (let step = 0; step < 65; step++) {
    await page.keyboard.press('ArrowRight')
    await expect(prompt).toHaveText(newestFirst[start + 3 + step]!.prompt)
  }
  await expect(title).toHaveText(`Image ${start + 68} of ${rows.length}`)

  // Zoom with the keys, back to fit with 0.
  const walked = newestFirst.slice(start + 67).find((r) => r.status === 'completed')!
  while ((await prompt.textContent()) !== walked.prompt) await page.keyboard.press('ArrowRight')
  const image = dialog.getByRole('img', { name: walked.prompt })
  await expect(image).toHaveAttribute('data-scale', '1.00')
  await page.keyboard.press('+')
  await page.keyboard.press('+')
  await expect(image).toHaveAttribute('data-scale', '2.25')
  await page.keyboard.press('0')
  await expect(image).toHaveAttribute('data-scale', '1.00')

  // The family tree: a remix shows where it came from; its parent shows what was made from it.
  const child = rows.find((r) => r.parentId !== null)!
  await page.keyboard.press('Escape')
  // A trailing space finishes the last word: "number 18 " does not also find 180.
  await page.getByRole('searchbox', { name: 'Search prompts' }).fill(`${child.prompt} `)
  await expect(libraryCount(page)).toHaveText('1 image')
  await openInViewer(page, child.id)
  const cameFrom = dialog.getByRole('list', { name: 'Came from' })
  await expect(cameFrom.getByRole('button')).toHaveCount(1)
  await page.screenshot({ path: testInfo.outputPath('viewer-lineage.png') })
  await cameFrom.getByRole('button').click()
  const parent = rows.find((r) => r.id === child.parentId)!
  await expect(prompt).toHaveText(parent.prompt)
  await expect(
    dialog.getByRole('list', { name: 'Made from it' }).getByRole('button', { name: `Open: ${child.prompt}` }),
  ).toBeVisible()
  expect(world.consoleErrors).toEqual([])
})

test('remix puts the prompt, the ratio and the references back into the studio', async ({ world, page }) => {
  const { rows } = await openSeededLibrary(world, page)
  const remixed = rows.find((r) => r.references >= 2 && r.aspectRatio !== 'auto')!
  await page.getByRole('searchbox', { name: 'Search prompts' }).fill(`${remixed.prompt} `)
  await expect(libraryCount(page)).toHaveText('1 image')
  await openInViewer(page, remixed.id)
  await viewer(page).getByRole('button', { name: 'Remix' }).click()

  await expect(viewer(page)).toBeHidden()
  await expect(page.getByRole('textbox', { name: 'Prompt' })).toHaveValue(remixed.prompt)
  await expect(
    page.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { name: remixed.aspectRatio }),
  ).toBeChecked()
  const tray = page.getByRole('region', { name: 'Reference images' })
  await expect(tray.getByRole('listitem', { name: /^Reference \d of 2/ })).toHaveCount(remixed.references)
  expect(world.consoleErrors).toEqual([])
  await expect(cell(page, remixed.id)).toBeHidden()
})
