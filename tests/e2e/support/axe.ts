/** axe-core's serious and critical WCAG 2.1 A/AA findings on what the page shows now, one line each. */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

export async function seriousAxeFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.help}) at ${node.target.join(' ')}`),
    )
}
