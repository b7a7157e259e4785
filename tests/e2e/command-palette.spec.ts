/**
 * The command palette (Ctrl/⌘+K) drives three different commands by keyboard
 * alone: go to the library, apply a style, switch the theme. Fuzzy search
 * finds each from a few letters. A screenshot of the open palette is saved.
 */
import { seriousAxeFindings } from './support/axe'
import { test, expect } from './support/fixtures'
import { studioPage } from './support/studioPage'

test('the palette: go to the library, apply a style, switch the theme — keyboard only', async ({
  world,
  studio: page,
}, testInfo) => {
  const studio = studioPage(page)
  // A style to apply (saved from the studio, as a person would).
  await studio.prompt.fill('in the style of a watercolour sketch')
  await page.getByRole('button', { name: 'Save as style' }).click()
  await page.getByRole('textbox', { name: 'Style name' }).fill('Watercolour')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('group', { name: 'Styles' }).getByRole('button', { name: 'Watercolour' })).toBeVisible()
  await studio.prompt.fill('a lighthouse at dusk')

  const palette = page.getByRole('dialog', { name: 'Command palette' })
  const search = palette.getByRole('combobox', { name: 'Search commands' })
  const options = palette.getByRole('listbox', { name: 'Commands' }).getByRole('option')
  const libraryNav = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Library' })

  // 1. Navigate: "libr" → Library (the shared command table's entry, with its shortcut).
  await page.keyboard.press('ControlOrMeta+K')
  await expect(search).toBeFocused()
  await page.keyboard.type('libr')
  await expect(options.first().locator('.palette-label')).toHaveText('Library')
  await expect(options.first().locator('.palette-shortcut')).toHaveText(/^(Ctrl|⌘)\+2$/)
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  const path = testInfo.outputPath('command-palette.png')
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
  await testInfo.attach('command-palette', { path, contentType: 'image/png' })
  expect(await seriousAxeFindings(page)).toEqual([])
  await page.keyboard.press('Enter')
  await expect(palette).toHaveCount(0)
  await expect(libraryNav).toHaveAttribute('aria-current', 'page')

  // 2. A style, from the library: the palette goes back to the studio and applies it.
  await page.keyboard.press('ControlOrMeta+K')
  await page.keyboard.type('watercol')
  await expect(options.first()).toContainText('Apply style: Watercolour')
  await page.keyboard.press('Enter')
  await expect(studio.prompt).toBeVisible()
  await expect(page.getByRole('list', { name: 'Applied styles, in order' }).getByRole('listitem')).toHaveText([
    '1. Watercolour',
  ])
  await expect(page.getByTestId('final-prompt')).toHaveText(
    'a lighthouse at dusk, in the style of a watercolour sketch',
  )

  // 3. The theme: arrows move through the matches, Enter picks.
  await page.keyboard.press('ControlOrMeta+K')
  await page.keyboard.type('theme')
  // The shortest match first (same letters matched, less text around them).
  await expect(options).toHaveText([/Theme: Dark$/, /Theme: Light$/, /Theme: System$/])
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowUp')
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect
    .poll(async () => await page.evaluate(() => getComputedStyle(document.body).backgroundColor))
    .toBe('rgb(20, 20, 22)')

  // Esc closes without running anything.
  await page.keyboard.press('ControlOrMeta+K')
  await page.keyboard.type('trash')
  await page.keyboard.press('Escape')
  await expect(palette).toHaveCount(0)
  await expect(libraryNav).not.toHaveAttribute('aria-current', 'page')
  expect(world.simulator.requests.filter((r) => r.method === 'POST')).toEqual([])
  expect(world.consoleErrors).toEqual([])
})
