/** The studio as a person sees it: named controls, found by role and label. */
import { expect, type Page } from '@playwright/test'

export function studioPage(page: Page) {
  const tray = page.getByRole('region', { name: 'Reference images' })
  const queue = page.getByRole('region', { name: 'Queue' })
  return {
    page,
    prompt: page.getByRole('textbox', { name: 'Prompt' }),
    ratio: (name: 'Auto' | '1:1' | '4:3' | '3:4') =>
      page.getByRole('radiogroup', { name: 'Aspect ratio' }).getByRole('radio', { name }),
    variations: (count: number) =>
      page
        .getByRole('radiogroup', { name: 'Variations' })
        .getByRole('radio', { name: `${count} image${count === 1 ? '' : 's'}` }),
    generate: page.getByRole('button', { name: /^Generate( \d)?$/ }),
    price: page.locator('#generate-price'),
    tray,
    /** Prepared references (not the ones still preparing). */
    references: tray.getByRole('listitem', { name: /^Reference \d+ of \d+/ }),
    trayAlerts: tray.getByRole('alert'),
    fileInput: page.getByTestId('reference-file-input'),
    queue,
    queueItems: queue.getByRole('listitem'),
  }
}

export type StudioPage = ReturnType<typeof studioPage>

/** Sets the daily spending limit in Settings (saved on Enter), and closes Settings again. */
export async function setDailyLimit(page: Page, amount: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByLabel('Daily limit').fill(amount)
  await settings.getByLabel('Daily limit').press('Enter')
  await expect(settings.getByText('Saved')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(settings).toBeHidden()
}
