/**
 * What the studio remembers: the prompt history recalled with the keyboard
 * alone (prompt and ratio back, sent again exactly), and two styles — one
 * appended, one wrapping — composed into the final prompt that the simulator
 * receives. Screenshots of the picker and of the styled studio are saved.
 */
import type { Page, TestInfo } from '@playwright/test'
import { PROMPT_MAX_LENGTH } from '../../shared/domain'
import { seriousAxeFindings } from './support/axe'
import { test, expect, type World } from './support/fixtures'
import { tabTo } from './support/keyboard'
import { studioPage } from './support/studioPage'

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

const posts = (world: World) => world.simulator.requests.filter((r) => r.method === 'POST')

test('prompt history: ↑ in the empty box, pick the older prompt, its ratio comes back, sent again — keyboard only', async ({
  world,
  studio: page,
}, testInfo) => {
  const studio = studioPage(page)
  await tabTo(page, studio.prompt)

  // Two prompts sent, each with its own ratio, from the keyboard.
  const send = async (prompt: string, ratioKeys: string[], expected: '4:3' | '1:1', count: number) => {
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.press('Backspace')
    await page.keyboard.type(prompt)
    await page.keyboard.press('Tab')
    for (const key of ratioKeys) await page.keyboard.press(key)
    await expect(studio.ratio(expected)).toBeChecked()
    await page.keyboard.press('ControlOrMeta+Enter')
    await expect.poll(() => posts(world).length).toBe(count)
    await page.keyboard.press('Shift+Tab')
    await expect(studio.prompt).toBeFocused()
  }
  await send('a fox asleep in fresh snow', ['ArrowRight', 'ArrowRight'], '4:3', 1)
  await send('an owl on a lantern at night', ['ArrowLeft'], '1:1', 2)

  // Empty the box; ↑ opens the history with the newest first.
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Backspace')
  await page.keyboard.press('ArrowUp')
  const search = page.getByRole('combobox', { name: 'Search prompt history' })
  await expect(search).toBeFocused()
  const options = page.getByRole('listbox', { name: 'Prompt history' }).getByRole('option')
  await expect(options).toHaveCount(2)
  await expect(options.nth(0)).toContainText('an owl on a lantern at night')
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true')
  await shoot(page, testInfo, 'history-picker')
  expect(await seriousAxeFindings(page)).toEqual([])

  // Typing filters; Esc closes without changing anything.
  await page.keyboard.type('snow')
  await expect(options).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(search).toHaveCount(0)
  await expect(studio.prompt).toBeFocused()
  await expect(studio.prompt).toHaveValue('')

  // Again, and this time ↓ to the older one, Enter.
  await page.keyboard.press('ArrowUp')
  await expect(options).toHaveCount(2)
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await expect(search).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!)
  await page.keyboard.press('Enter')
  await expect(studio.prompt).toBeFocused()
  await expect(studio.prompt).toHaveValue('a fox asleep in fresh snow')
  await expect(studio.ratio('4:3')).toBeChecked()

  await page.keyboard.press('ControlOrMeta+Enter')
  await expect.poll(() => posts(world).length).toBe(3)
  expect(posts(world).map((post) => post.body)).toEqual([
    { prompt: 'a fox asleep in fresh snow', aspect_ratio: '4:3' },
    { prompt: 'an owl on a lantern at night', aspect_ratio: '1:1' },
    { prompt: 'a fox asleep in fresh snow', aspect_ratio: '4:3' },
  ])

  // Settings → Clear prompt history…, confirmed: the picker is empty, the images stay.
  await page.keyboard.press('ControlOrMeta+,')
  const settings = page.getByRole('dialog', { name: 'Settings' })
  const clear = settings.getByRole('button', { name: 'Clear prompt history…' })
  await clear.scrollIntoViewIfNeeded()
  await shoot(page, testInfo, 'settings-history-styles')
  await clear.focus()
  await page.keyboard.press('Enter')
  const confirm = page.getByRole('alertdialog', { name: 'Clear the prompt history?' })
  await expect(confirm).toBeVisible()
  await confirm.getByRole('button', { name: 'Clear history' }).focus()
  await page.keyboard.press('Enter')
  await expect(settings.getByRole('status').filter({ hasText: 'Forgot 2 prompts.' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(settings).toHaveCount(0)
  await studio.prompt.focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Backspace')
  await page.keyboard.press('ArrowUp')
  await expect(page.getByRole('status').filter({ hasText: 'No prompts sent yet.' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(studio.queueItems).toHaveCount(3)
  expect(world.consoleErrors).toEqual([])
})

test('two styles, one appended and one wrapping: the final prompt is shown, limited and sent', async ({
  world,
  studio: page,
}, testInfo) => {
  const studio = studioPage(page)
  const styles = page.getByRole('group', { name: 'Styles' })
  const saveAsStyle = async (text: string, name: string) => {
    await studio.prompt.fill(text)
    await page.getByRole('button', { name: 'Save as style' }).click()
    const form = page.getByRole('form', { name: 'Save as style' })
    await form.getByRole('textbox', { name: 'Style name' }).fill(name)
    await page.keyboard.press('Enter')
    await expect(form).toHaveCount(0)
    await expect(styles.getByRole('button', { name })).toBeVisible()
  }
  await saveAsStyle('A vintage travel poster of {prompt}, bold lettering', 'Poster')
  await saveAsStyle('35mm film, soft grain', 'Film')

  // A name already taken is refused in words.
  await studio.prompt.fill('anything')
  await page.getByRole('button', { name: 'Save as style' }).click()
  await page.getByRole('textbox', { name: 'Style name' }).fill('poster')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: 'There is already a style named “poster”' })).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()

  await studio.prompt.fill('a red fox on a pier')
  // Film by a click, then Poster by its shortcut (Alt+1: the first style): order matters.
  await styles.getByRole('button', { name: 'Film' }).click()
  await studio.prompt.focus()
  await page.keyboard.press('Alt+1')
  await expect(styles.getByRole('button', { name: 'Poster' })).toHaveAttribute('aria-pressed', 'true')
  const chips = page.getByRole('list', { name: 'Applied styles, in order' }).getByRole('listitem')
  await expect(chips).toHaveText(['1. Film', '2. Poster'])

  const final = 'A vintage travel poster of a red fox on a pier, 35mm film, soft grain, bold lettering'
  await expect(page.getByTestId('final-prompt')).toHaveText(final)
  await expect(page.locator('#prompt-count')).toContainText(`${final.length} / ${PROMPT_MAX_LENGTH}`)
  await shoot(page, testInfo, 'studio-styles')
  expect(await seriousAxeFindings(page)).toEqual([])

  // The limit applies to the result: a prompt that fits alone does not fit with its styles.
  await studio.prompt.fill('x'.repeat(PROMPT_MAX_LENGTH - 20))
  await expect(studio.generate).toBeDisabled()
  const over = PROMPT_MAX_LENGTH - 20 + final.length - 'a red fox on a pier'.length - PROMPT_MAX_LENGTH
  await expect(page.locator('#generate-summary')).toHaveText(
    `The prompt is ${over} characters over the ${PROMPT_MAX_LENGTH} limit.`,
  )

  await studio.prompt.fill('a red fox on a pier')
  await studio.generate.click()
  await expect.poll(() => posts(world).length).toBe(1)
  expect(posts(world)[0]!.body).toEqual({ prompt: final })
  await expect(studio.queueItems.filter({ hasText: final })).toHaveCount(1)

  // Taken off by its chip; the draft keeps the other.
  await page.getByRole('button', { name: 'Remove style Film' }).click()
  await expect(page.getByTestId('final-prompt')).toHaveText(
    'A vintage travel poster of a red fox on a pier, bold lettering',
  )

  // From the viewer: the finished image's prompt saved as a style of its own.
  const task = studio.queueItems.filter({ hasText: final })
  await expect(task.locator('[data-status="completed"]')).toHaveCount(1)
  await task.getByRole('button', { name: 'Open in the viewer' }).or(task.locator('.queue-thumb-button')).first().click()
  const viewerDialog = page.getByRole('dialog').filter({ has: page.getByRole('region', { name: 'Prompt' }) })
  await viewerDialog.getByRole('button', { name: 'Save prompt as style' }).click()
  await viewerDialog.getByRole('textbox', { name: 'Style name' }).fill('Pier poster')
  await page.keyboard.press('Enter')
  await expect(viewerDialog.getByRole('button', { name: 'Style saved' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(styles.getByRole('button', { name: 'Pier poster' })).toBeVisible()
  await expect(styles.getByRole('button', { name: 'Pier poster' })).toHaveAttribute('title', new RegExp(`^${final}`))
  expect(world.consoleErrors).toEqual([])
})
