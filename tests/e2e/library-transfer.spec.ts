/**
 * Round trip: export the whole library from the UI as a folder of images with
 * JSON sidecars, import that folder into an empty library (another host, another
 * folder), and find every row and every file again — then import once more and
 * find nothing added twice. Browser mode takes no path from the page: it
 * exports to and imports from a named folder inside each library's
 * transfers/ folder (docs/security.md, finding 5), and never overwrites.
 */
import { readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EXPORTED_COLUMNS } from '../../electron/core/db/table'
import { test, expect } from './support/fixtures'
import { countText, fileHashes, libraryCount, openSeededLibrary, readRows } from './support/seed'
import { inEmptyLibrary, openTransfer, runTransfer } from './support/transfer'

/** Everything a row says that must survive, in a stable order (ids are kept, so they sort the same). */
const COLUMNS = EXPORTED_COLUMNS.join(', ')

test('export then import into an empty library reproduces every row and file', async ({ world, page }, testInfo) => {
  const { rows } = await openSeededLibrary(world, page, { count: 120 })
  const exportDir = join(world.dataDir, 'transfers', 'my export')

  const dialog = await openTransfer(page, 'export')
  // A path from the page is refused with a sentence; only a plain name inside transfers/ is taken.
  await runTransfer(dialog, 'export', join(tmpdir(), 'elsewhere'))
  await expect(dialog.getByRole('alert')).toContainText('Use a plain folder name')
  await runTransfer(dialog, 'export', 'my export')
  await expect(dialog.getByRole('status')).toContainText(`Exported ${rows.length} generations`)
  await expect(dialog.getByRole('status')).toContainText(exportDir)
  const exported = await readdir(exportDir)
  expect(exported.filter((name) => name.endsWith('.json'))).toHaveLength(rows.length)
  expect(exported.filter((name) => name.endsWith('.png'))).toHaveLength(
    rows.filter((r) => r.status === 'completed').length,
  )
  const sidecar = JSON.parse(await readFile(join(exportDir, `${rows[6]!.id}.json`), 'utf8'))
  expect(sidecar).toMatchObject({
    format: 'atelier.generation',
    generation: { prompt: rows[6]!.prompt, price: rows[6]!.price },
    lineage: { parents: [rows[1]!.id] },
  })
  // Exporting into the same folder again overwrites nothing and says so.
  const sidecarBefore = await readFile(join(exportDir, `${rows[6]!.id}.json`), 'utf8')
  await dialog.getByRole('button', { name: 'Export' }).click()
  await expect(dialog.getByRole('status')).toContainText('Exported 0 generations')
  await expect(dialog.getByRole('status')).toContainText('Nothing was overwritten')
  expect(await readFile(join(exportDir, `${rows[6]!.id}.json`), 'utf8')).toBe(sidecarBefore)
  await page.keyboard.press('Escape')

  // An empty library, in its own folder, served by its own host; the user moves the folder into its transfers/.
  await inEmptyLibrary(world, page, { dir: exportDir, name: 'my export' }, async (emptyLibrary) => {
    const importer = await openTransfer(page, 'import')
    await runTransfer(importer, 'import', 'my export')
    await expect(importer.getByRole('status')).toContainText(`Imported ${rows.length} generations.`)
    await page.screenshot({ path: testInfo.outputPath('imported.png') })
    await page.keyboard.press('Escape')
    await expect(libraryCount(page)).toHaveText(countText(rows.length))

    // Every row, every image and reference, byte for byte; thumbnails made for every image.
    const select = `SELECT ${COLUMNS} FROM generations ORDER BY id`
    expect(readRows(emptyLibrary, select)).toEqual(readRows(world.dataDir, select))
    const links =
      'SELECT generation_id, position, reference_id FROM generation_references ORDER BY generation_id, position'
    expect(readRows(emptyLibrary, links)).toEqual(readRows(world.dataDir, links))
    const refs = 'SELECT id, kind, path, mime, width, height, source_generation_id FROM refs ORDER BY id'
    expect(readRows(emptyLibrary, refs)).toEqual(readRows(world.dataDir, refs))
    expect(fileHashes(emptyLibrary, 'images')).toEqual(fileHashes(world.dataDir, 'images'))
    expect(fileHashes(emptyLibrary, 'refs')).toEqual(fileHashes(world.dataDir, 'refs'))
    expect(Object.keys(fileHashes(emptyLibrary, 'thumbs'))).toEqual(Object.keys(fileHashes(world.dataDir, 'thumbs')))

    // Importing again adds nothing.
    await runTransfer(await openTransfer(page, 'import'), 'import', 'my export')
    await expect(importer.getByRole('status')).toContainText(
      `Imported 0 generations; skipped ${rows.length} already here.`,
    )
    expect(readRows(emptyLibrary, 'SELECT COUNT(*) AS n FROM generations')[0]?.n).toBe(rows.length)
    expect(world.consoleErrors).toEqual([])
  })
})
