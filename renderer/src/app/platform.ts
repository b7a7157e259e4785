import type { KeyboardEvent as ReactKeyboardEvent } from 'react'

/** Modifier naming: ⌘ on macOS, Ctrl elsewhere. */
export const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
export const MOD_LABEL = isMac ? '⌘' : 'Ctrl'

export const hasModifier = (event: KeyboardEvent | ReactKeyboardEvent): boolean =>
  isMac ? event.metaKey : event.ctrlKey

/** True when the event happens in a field where typing (and arrow keys) mean text editing. */
export function isTextEditingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement) return true
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'color', 'file'].includes(target.type)
  }
  return false
}
