/**
 * "Nothing is lost", as a person sees it: a library with an image, a style, a
 * collection holding the image and a prompt in its history. Rebuilt from its
 * files on request, the dialog says what came back from the library's own copy;
 * then, with library.db deleted and the styles' copy cut short while the app is
 * closed, the next start shows a banner saying what came back, and another
 * naming the damaged copy and where it was kept. The collection is back in the
 * sidebar, holding its image.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { openLibrary } from '../../electron/core/db'
import { createSilentLogger } from '../../electron/core/logging/createLogger'
import { embedRecipe } from '../../electron/core/recipe'
import { sampleRecipe } from '../../electron/core/recipe/testRecipe'
import { restoreFromFiles } from '../../electron/core/rebuild'
import { seriousAxeFindings } from './support/axe'
import { test, expect } from './support/fixtures'

test('styles, a collection and the prompt history come back after a rebuild and after library.db is lost', async ({
  world,
  page,
}) => {
  // The library as a person would have left it (the running app's copy is written when it stops).
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#468' } })
    .png()
    .toBuffer()
  writeFileSync(
    join(world.dataDir, 'images', 'gen-fox.png'),
    embedRecipe(png, sampleRecipe({ generationId: 'gen-fox', prompt: 'a red fox', references: [], parents: [] })),
  )
  const library = openLibrary({ dataDir: world.dataDir, logger: createSilentLogger() })
  await restoreFromFiles(library, new Date())
  library.styles.create({ name: 'Film', text: '35mm film, grain' })
  library.createCollection({ id: 'board-keepers', name: 'Keepers' })
  library.addToCollection('board-keepers', ['gen-fox'])
  library.history.record('a red fox', '4:3')
  library.close()
  await page.goto((await world.restart()).url)

  // Rebuilt on request: the report says what came back besides the generation.
  await page.getByRole('button', { name: 'Settings' }).click()
  await page
    .getByRole('dialog', { name: 'Settings' })
    .getByRole('button', { name: 'Rebuild library from files…' })
    .click()
  const rebuild = page.getByRole('dialog', { name: 'Rebuild library from files?' })
  await expect(rebuild).toContainText("your styles, collections and prompt history come back from the library's copy")
  await rebuild.getByRole('button', { name: 'Rebuild' }).click()
  const result = page.getByRole('dialog', { name: 'Library rebuilt' }).getByRole('status')
  await expect(result).toContainText('Recovered 1 generation.')
  await expect(result).toContainText('Restored 1 style, 1 collection (1 image) and 1 prompt.')
  await page.getByRole('dialog', { name: 'Library rebuilt' }).getByRole('button', { name: 'Close' }).last().click()

  // Closed; library.db deleted and the styles' copy cut short; started again.
  const styles = join(world.dataDir, 'library.styles.json')
  const host = await world.restart(async () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(world.dataDir, `library.db${suffix}`), { force: true })
    const copy = readFileSync(styles)
    writeFileSync(styles, copy.subarray(0, copy.length >> 1))
  })
  await page.goto(host.url)
  const restored = page.locator('[data-notice="LIBRARY_RESTORED"]')
  await expect(restored).toContainText('Your styles, collections and prompt history were restored.')
  await expect(restored).toContainText("1 collection (1 image) and 1 prompt came back from the library's own copy.")
  const damaged = page.locator('[data-notice="EXTRAS_DAMAGED"]')
  await expect(damaged).toContainText('A saved copy of your styles, collections or prompt history could not be read.')
  await expect(damaged).toContainText('library.styles.json: not readable JSON.')
  await expect(damaged.locator('code')).toContainText(/library\.styles\.damaged-.+\.json$/)
  expect(await seriousAxeFindings(page)).toEqual([])

  // The collection is back with its image; the banner goes when dismissed.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click()
  await expect(
    page.getByRole('region', { name: 'Collections' }).getByRole('button', { name: /^Keepers/ }),
  ).toContainText('1')
  await restored.getByRole('button', { name: 'Dismiss this notice' }).click()
  await expect(restored).toHaveCount(0)
  expect(world.consoleErrors).toEqual([])
})
