/**
 * Renders a component into the DOM of a test file that runs under happy-dom
 * (`// @vitest-environment happy-dom` at its top): React for real, effects
 * included, every update flushed with act().
 */
import { act, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined
}

export interface Rendered {
  container: HTMLElement
  /** The visible words of each button under `selector` (the whole container when omitted). */
  buttons(selector?: string): string[]
  /** Clicks the button with exactly these words. */
  click(name: string): Promise<void>
  unmount(): void
}

export async function render(node: ReactNode): Promise<Rendered> {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true
  const container = document.createElement('div')
  document.body.append(container)
  let root: Root | null = null
  await act(async () => {
    root = createRoot(container)
    root.render(node)
  })
  const buttonsIn = (scope: ParentNode) =>
    [...scope.querySelectorAll('button')].map((button) => (button.textContent ?? '').trim())
  return {
    container,
    buttons(selector) {
      const scope = selector ? container.querySelector(selector) : container
      return scope ? buttonsIn(scope) : []
    },
    async click(name) {
      const button = [...document.querySelectorAll('button')].find((b) => (b.textContent ?? '').trim() === name)
      if (!button) throw new Error(`No button "${name}" (there are: ${buttonsIn(document).join(', ')})`)
      await act(async () => {
        button.click()
      })
    },
    unmount() {
      act(() => root?.unmount())
      container.remove()
    },
  }
}

/** Lets pending promises (an invoke through the fake transport) settle inside act(). */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
  })
}
