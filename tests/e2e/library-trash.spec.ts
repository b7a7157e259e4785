/**
 * Favourite, delete, undo, delete again, empty the trash — each checked where it
 * must happen: in the UI, in the database (read with node:sqlite) and on disk.
 * Deleting never removes a file; only emptying the trash does, and what the
 * deleted images cost stays in the spending totals.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect } from './support/fixtures'
import { cell, countText, libraryCount, openInViewer, openSeededLibrary, readRows, viewer } from './support/seed'

test('favourite, delete, undo and empty trash do what they say on disk and in the database', async ({
  world,
  page,
}, testInfo) => {
  const { rows, newestFirst } = await openSeededLibrary(world, page)
  const row = (id: string) =>
    readRows(world.dataDir, `SELECT id, favorite, deleted_at FROM generations WHERE id = '${id}'`)[0]
  const [a, b, c] = newestFirst.filter(
    (r) => r.status === 'completed' && !r.favorite && r.parentId === null && r.references === 0,
  )
  const file = (relative: string) => existsSync(join(world.dataDir, relative))

  // Favourite from the grid.
  await cell(page, a!.id).hover()
  await cell(page, a!.id).getByRole('button', { name: 'Favourite' }).click()
  await expect(cell(page, a!.id).getByRole('button', { name: 'Favourite' })).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => row(a!.id)?.favorite).toBe(1)

  // Select two with Ctrl-click, delete them: hidden, marked in the database, files kept.
  await cell(page, a!.id)
    .locator('.library-open')
    .click({ modifiers: ['Control'] })
  await cell(page, b!.id)
    .locator('.library-open')
    .click({ modifiers: ['Control'] })
  const selection = page.getByRole('toolbar', { name: 'Selection' })
  await expect(selection).toContainText('2 selected')
  await selection.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByText('Moved 2 images to the trash.')).toBeVisible()
  await expect(libraryCount(page)).toHaveText(countText(rows.length - 2))
  await expect(cell(page, a!.id)).toHaveCount(0)
  expect(row(a!.id)?.deleted_at).toEqual(expect.any(String))
  expect(row(b!.id)?.deleted_at).toEqual(expect.any(String))
  expect(file(`images/${a!.id}.png`) && file(`thumbs/${a!.id}.webp`)).toBe(true)
  // The grid showed it at its own size (a 1× screen), made from the thumbnail when first asked for.
  await expect.poll(() => file(`thumbs/grid/${a!.id}.webp`)).toBe(true)

  // Undo brings both back, in place.
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(libraryCount(page)).toHaveText(countText(rows.length))
  await expect(cell(page, a!.id)).toBeVisible()
  expect(row(a!.id)?.deleted_at).toBeNull()
  expect(row(b!.id)?.deleted_at).toBeNull()

  // Delete again: one from the viewer (it moves on to the next image), one by selection and the Delete key.
  await openInViewer(page, a!.id)
  await viewer(page).getByRole('button', { name: 'Delete' }).click()
  await expect(viewer(page).getByRole('region', { name: 'Prompt' })).not.toHaveText(a!.prompt)
  await page.keyboard.press('Escape')
  await cell(page, b!.id)
    .locator('.library-open')
    .click({ modifiers: ['Control'] })
  await page.keyboard.press('Delete')
  await expect(libraryCount(page)).toHaveText(countText(rows.length - 2))

  // What was spent before emptying the trash…
  await page.getByRole('button', { name: 'Spending' }).click()
  const spent = await page.getByTestId('spend-total').textContent()
  // Exactly the sum of what was charged (integer cents here: the seeded prices have two decimals).
  const cents = rows.reduce((sum, r) => sum + Number(r.price.replace('.', '')), 0)
  expect(spent).toBe(`$${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`)
  await page.keyboard.press('Escape')

  // The trash shows them; emptying it (after a confirmation) deletes rows and files.
  await page.getByRole('button', { name: 'Trash', exact: true }).click()
  await expect(libraryCount(page)).toHaveText('2 images in the trash')
  await page.getByRole('button', { name: 'Empty trash' }).click()
  const confirm = page.getByRole('alertdialog')
  await expect(confirm).toContainText('Delete 2 images for good?')
  await page.screenshot({ path: testInfo.outputPath('empty-trash.png') })
  await confirm.getByRole('button', { name: 'Empty trash' }).click()
  await expect(page.getByText('Deleted 2 for good.')).toBeVisible()
  await expect(libraryCount(page)).toHaveText('0 images in the trash')
  expect(row(a!.id)).toBeUndefined()
  expect(row(b!.id)).toBeUndefined()
  for (const id of [a!.id, b!.id]) {
    expect(file(`images/${id}.png`)).toBe(false)
    expect(file(`thumbs/${id}.webp`)).toBe(false)
    expect(file(`thumbs/grid/${id}.webp`)).toBe(false)
  }
  expect(file(`images/${c!.id}.png`)).toBe(true)
  expect(readRows(world.dataDir, 'SELECT COUNT(*) AS n FROM generations')[0]?.n).toBe(rows.length - 2)
  expect(readRows(world.dataDir, 'SELECT COUNT(*) AS n FROM purged_charges')[0]?.n).toBe(2)

  // …is still what was spent after.
  await page.getByRole('button', { name: 'Trash', exact: true }).click()
  await expect(libraryCount(page)).toHaveText(countText(rows.length - 2))
  await page.getByRole('button', { name: 'Spending' }).click()
  await expect(page.getByTestId('spend-total')).toHaveText(spent!)
  expect(world.consoleErrors).toEqual([])
})
