/**
 * A collection through an export/import round trip: made in the sidebar, two
 * images added by keyboard (select with Space, Shift+C, Enter in the picker) and
 * one by dragging its cell onto the collection; the collection filters the
 * library; exported, then imported into an empty library (another host, another
 * folder), where the collection and its three images are back and filter again.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect } from './support/fixtures'
import { cell, countText, grid, libraryCount, openSeededLibrary } from './support/seed'
import { inEmptyLibrary, openTransfer, runTransfer } from './support/transfer'

/** axe-core's serious and critical findings (WCAG 2.1 AA) on the page as it stands. */
async function seriousFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

const collectionsNav = (page: Page) => page.getByRole('region', { name: 'Collections' })
const board = (page: Page, name: string) => collectionsNav(page).getByRole('button', { name: new RegExp(`^${name}`) })

test('a collection made by keyboard and drag survives export and import, and filters the library', async ({
  world,
  page,
}, testInfo) => {
  const { rows } = await openSeededLibrary(world, page, { count: 12 })
  const chosen = rows.filter((row) => row.status === 'completed').slice(0, 3)
  // Browser mode exports only into the library's own transfers/ folder (docs/security.md, finding 5).
  const exportDir = join(world.dataDir, 'transfers', 'boards')

  // A new collection, named in place.
  await collectionsNav(page).getByRole('button', { name: 'New collection' }).click()
  await collectionsNav(page).getByRole('textbox', { name: 'New collection name' }).fill('Keepers')
  await page.keyboard.press('Enter')
  await expect(board(page, 'Keepers')).toContainText('0')

  // Two by keyboard: Space on each cell's tick, Shift+C, Enter on the collection.
  for (const row of chosen.slice(0, 2)) {
    await cell(page, row.id).locator('.library-open').focus()
    await cell(page, row.id).getByRole('checkbox', { name: 'Select' }).press('Space')
  }
  await expect(page.getByRole('toolbar', { name: 'Selection' })).toContainText('2 selected')
  await page.keyboard.press('Escape')
  // Escape cleared the selection; select again and open the picker by its shortcut.
  for (const row of chosen.slice(0, 2)) {
    await cell(page, row.id).locator('.library-open').focus()
    await cell(page, row.id).getByRole('checkbox', { name: 'Select' }).press('Space')
  }
  await page.keyboard.press('Shift+C')
  const picker = page.getByRole('dialog', { name: 'Add to collection' })
  await expect(picker).toBeVisible()
  await expect(picker.getByRole('button', { name: /^Keepers/ })).toBeFocused()
  expect(await seriousFindings(page)).toEqual([])
  const pickerShot = testInfo.outputPath('collection-picker.png')
  await page.screenshot({ path: pickerShot, animations: 'disabled' })
  await testInfo.attach('collection-picker', { path: pickerShot, contentType: 'image/png' })
  await page.keyboard.press('Enter')
  await expect(picker).toBeHidden()
  await expect(board(page, 'Keepers')).toContainText('2')
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Clear selection' }).click()

  // One by drag, from the grid onto the collection in the sidebar.
  await cell(page, chosen[2]!.id).locator('.library-open').dragTo(board(page, 'Keepers'))
  await expect(board(page, 'Keepers')).toContainText('3')

  // The collection as a filter.
  await board(page, 'Keepers').click()
  await expect(libraryCount(page)).toHaveText(countText(3))
  await expect(page.getByRole('combobox', { name: 'Collection' })).toHaveValue(/.+/)
  for (const row of chosen) await expect(cell(page, row.id)).toBeVisible()
  expect(await seriousFindings(page)).toEqual([])
  const shot = testInfo.outputPath('collection-filter.png')
  await page.screenshot({ path: shot, animations: 'disabled' })
  await testInfo.attach('collection-filter', { path: shot, contentType: 'image/png' })
  await page.getByRole('combobox', { name: 'Collection' }).selectOption({ label: 'Every collection' })
  await expect(libraryCount(page)).toHaveText(countText(rows.length))

  // Export the whole library: the collection travels in collections.json.
  const dialog = await openTransfer(page, 'export')
  await runTransfer(dialog, 'export', 'boards')
  await expect(dialog.getByRole('status')).toContainText(`Exported ${rows.length} generations`)
  await page.keyboard.press('Escape')
  const boards = JSON.parse(await readFile(join(exportDir, 'collections.json'), 'utf8'))
  expect(boards).toMatchObject({ format: 'atelier.collections', version: 1, collections: [{ name: 'Keepers' }] })
  expect([...boards.collections[0].generationIds].sort()).toEqual(chosen.map((row) => row.id).sort())

  // The user moves the exported folder into the other library's transfers/.
  await inEmptyLibrary(world, page, { dir: exportDir, name: 'boards' }, async () => {
    await expect(board(page, 'Keepers')).toHaveCount(0)
    const importer = await openTransfer(page, 'import')
    await runTransfer(importer, 'import', 'boards')
    await expect(importer.getByRole('status')).toContainText(`Imported ${rows.length} generations.`)
    await page.keyboard.press('Escape')

    await expect(board(page, 'Keepers')).toContainText('3')
    await board(page, 'Keepers').click()
    await expect(libraryCount(page)).toHaveText(countText(3))
    await expect(grid(page).getByRole('listitem')).toHaveCount(3)
    for (const row of chosen) await expect(cell(page, row.id)).toBeVisible()
    expect(world.consoleErrors).toEqual([])
  })
})
