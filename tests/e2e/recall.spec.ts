/**
 * Recall, as a person uses it: an image carrying its Atelier recipe dropped on
 * the studio offers to restore its prompt, ratio and the references this
 * library holds (restored, then undone); the same file dropped on the library
 * is "already in the library"; a recipe file from another library is imported
 * into the grid with its prompt; a file without a recipe is refused. And a
 * damaged settings file gives a banner, once, with the path of the copy kept.
 */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { embedRecipe, recipeOfGeneration } from '../../electron/core/recipe'
import type { Generation } from '../../shared/domain'
import { test, expect } from './support/fixtures'
import { dropFiles, type TestFile } from './support/images'
import { cell, openSeededLibrary, readRows } from './support/seed'
import { studioPage } from './support/studioPage'

/** axe's serious and critical WCAG 2.1 AA findings inside one part of the page, in the light and the dark theme. */
async function accessibilityFindings(page: Page, selector: string): Promise<string[]> {
  const findings: string[] = []
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const { violations } = await new AxeBuilder({ page })
      .include(selector)
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze()
    for (const v of violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        findings.push(`${colorScheme}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
  return findings
}

const RATIO_NAMES = { auto: 'Auto', '1:1': '1:1', '4:3': '4:3', '3:4': '3:4' } as const

async function generationOf(
  world: { host: { core: { router: { dispatch(n: string, i: unknown): Promise<unknown> } } } },
  id: string,
) {
  const reply = (await world.host.core.router.dispatch('generation.get', { id })) as { ok: true; data: Generation }
  expect(reply.ok).toBe(true)
  return reply.data
}

test('a recipe restores prompt, ratio and references in the studio; the library imports it once', async ({
  world,
  page,
}, testInfo) => {
  const seeded = await openSeededLibrary(world, page, { count: 12 })
  // A finished image of this library with references, its recipe written into its file.
  const row = seeded.newestFirst.find((r) => r.status === 'completed' && r.references > 0)!
  const generation = await generationOf(world, row.id)
  const recipe = recipeOfGeneration(generation, { name: 'Atelier', version: 'e2e' })
  const ours: TestFile = {
    name: 'from-this-library.png',
    mime: 'image/png',
    bytes: embedRecipe(readFileSync(join(world.dataDir, generation.image!.path)), recipe),
  }
  const missingHash = 'f'.repeat(64)
  const withMissing: TestFile = {
    ...ours,
    bytes: embedRecipe(ours.bytes, {
      ...recipe,
      references: [
        ...recipe.references,
        { hash: missingHash, kind: 'file', mime: 'image/jpeg', width: 8, height: 8, sourceGenerationId: null },
      ],
    }),
  }

  // The studio, with a draft already written.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Studio' }).click()
  const studio = studioPage(page)
  await studio.prompt.fill('my unsent idea')
  await dropFiles(studio.tray, [withMissing])
  const offer = page.getByRole('group', { name: '“from-this-library.png” carries its Atelier recipe' })
  await expect(offer).toBeVisible()
  const found = recipe.references.length
  const restore = offer.getByRole('button', {
    name: `Restore its prompt, ratio and ${found} reference${found === 1 ? '' : 's'}`,
  })
  await expect(restore).toBeVisible()
  await expect(offer).toContainText('1 reference is not in this library')
  await expect(offer.getByRole('button', { name: 'Just use it as a reference' })).toBeVisible()
  // Nothing was added while the offer waits.
  await expect(studio.references).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('recall-offer.png'), animations: 'disabled', caret: 'hide' })
  await testInfo.attach('recall-offer', { path: testInfo.outputPath('recall-offer.png'), contentType: 'image/png' })

  expect(await accessibilityFindings(page, '[data-testid="recall-offer"]')).toEqual([])

  await restore.click()
  await expect(offer).toBeHidden()
  await expect(studio.prompt).toHaveValue(generation.prompt)
  await expect(studio.ratio(RATIO_NAMES[generation.aspectRatio])).toBeChecked()
  await expect(studio.references).toHaveCount(found)
  const tileNames = await studio.references.evaluateAll((tiles) => tiles.map((t) => t.getAttribute('aria-label')))
  expect(tileNames).toEqual(
    generation.references.map((r, i) => expect.stringContaining(`Reference ${i + 1} of ${found}: ${r.name ?? ''}`)),
  )

  // Undo gives the draft back.
  await page.getByTestId('recall-undo').getByRole('button', { name: 'Undo' }).click()
  await expect(studio.prompt).toHaveValue('my unsent idea')
  await expect(studio.references).toHaveCount(0)

  // "Just use it as a reference" adds the image itself, as before recall existed.
  await dropFiles(studio.tray, [ours])
  await offer.getByRole('button', { name: 'Just use it as a reference' }).click()
  await expect(studio.references).toHaveCount(1)
  await expect(studio.prompt).toHaveValue('my unsent idea')

  // The library: the same image is already here.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' }).click()
  const library = page.locator('.library')
  const toast = page.getByTestId('import-files-result')
  await dropFiles(library, [ours])
  await expect(toast).toHaveText('“from-this-library.png” is already in the library.')
  await expect(page.getByTestId('library-count')).toHaveText('12 images')

  // An image from another library (its generation id is not here) is imported with its prompt.
  const elsewherePixels = await sharp({ create: { width: 96, height: 72, channels: 3, background: '#3a6ea5' } })
    .png()
    .toBuffer()
  const elsewhere: TestFile = {
    name: 'from-a-friend.png',
    mime: 'image/png',
    bytes: embedRecipe(elsewherePixels, {
      ...recipe,
      generationId: 'gen-from-another-library',
      taskUuid: null,
      prompt: 'a zeppelin moored over a glacier, gouache',
      aspectRatio: '4:3',
      references: [],
      parents: [],
    }),
  }
  const plain: TestFile = { name: 'holiday.png', mime: 'image/png', bytes: elsewherePixels }
  await dropFiles(library, [elsewhere, plain])
  await expect(toast).toContainText('Imported 1 image.')
  await expect(toast).toContainText(
    '“holiday.png”: This image was not made by Atelier, so it has no recipe to import. Add it to the studio as a reference instead.',
  )
  await expect(page.getByTestId('library-count')).toHaveText('13 images')
  expect(await accessibilityFindings(page, '[data-testid="import-files-result"]')).toEqual([])
  const imported = cell(page, 'gen-from-another-library')
  await expect(imported).toBeVisible()
  await page.getByRole('searchbox', { name: 'Search prompts' }).fill('zeppelin glacier')
  await expect(page.getByTestId('library-count')).toHaveText('1 image')
  await expect(imported).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('library-drop.png'), animations: 'disabled', caret: 'hide' })
  await testInfo.attach('library-drop', { path: testInfo.outputPath('library-drop.png'), contentType: 'image/png' })

  // Stored as it was dropped, byte for byte.
  const stored = readRows(world.dataDir).find((r) => r.id === 'gen-from-another-library')
  expect(stored).toMatchObject({
    prompt: 'a zeppelin moored over a glacier, gouache',
    aspect_ratio: '4:3',
    status: 'completed',
  })
  expect(readFileSync(join(world.dataDir, 'images/gen-from-another-library.png')).equals(elsewhere.bytes)).toBe(true)
  expect(world.consoleErrors).toEqual([])
})

test('a damaged settings file: a banner with the path of the copy kept, until dismissed', async ({ world, page }) => {
  writeFileSync(join(world.dataDir, 'settings.json'), '{"settings": {"the')
  const host = await world.restart()
  await page.goto(host.url)
  const banner = page.locator('[data-notice="SETTINGS_RESET"]')
  await expect(banner).toBeVisible()
  await expect(banner).toHaveAttribute('role', 'status')
  await expect(banner).toContainText('Settings were reset to their defaults.')
  await expect(banner.locator('code')).toContainText(world.dataDir)
  expect(await accessibilityFindings(page, '[data-notice]')).toEqual([])
  await banner.getByRole('button', { name: 'Dismiss this notice' }).click()
  await expect(banner).toBeHidden()
})
