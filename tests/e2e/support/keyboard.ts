/** Moving through the page with the Tab key only, as a keyboard user does. */
import { expect, type Locator, type Page } from '@playwright/test'

const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement)

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails if it is not reached within `max` presses. */
export async function tabTo(page: Page, target: Locator, { max = 40, backwards = false } = {}): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await isFocused(target)) return
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
  }
  expect(await isFocused(target), `reached by ${backwards ? 'Shift+' : ''}Tab within ${max} presses`).toBe(true)
}

/** The focused element shows a focus ring (its own box-shadow/outline, or its label's for a native radio). */
export async function focusIsVisible(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    const ringOf = (el: Element | null) => {
      if (!el) return false
      const style = getComputedStyle(el)
      return style.boxShadow !== 'none' || (style.outlineStyle !== 'none' && style.outlineWidth !== '0px')
    }
    return ringOf(element) || ringOf(element.closest('label'))
  })
}
