/**
 * Compare's pure rules: which panes are where, what a digit key does, where the
 * slider goes for a key, and what "keep one" leaves for the trash.
 */

/** Swaps the panes at two positions (0-based); out of range: unchanged. */
export function swap<T>(panes: readonly T[], a: number, b: number): T[] {
  if (a === b || a < 0 || b < 0 || a >= panes.length || b >= panes.length) return [...panes]
  const next = [...panes]
  ;[next[a], next[b]] = [next[b]!, next[a]!]
  return next
}

/** The position (0-based) a digit key names — by the physical key, so Shift+1 is still 1 — or null. */
export function positionForKey(code: string, count: number): number | null {
  const match = /^(?:Digit|Numpad)([1-4])$/.exec(code)
  if (!match) return null
  const position = Number(match[1]) - 1
  return position < count ? position : null
}

export const SPLIT_STEP = 5
export const SPLIT_PAGE = 20

/** The slider's next split (0–100, the share of the first image shown) for a key, or null for any other key. */
export function splitForKey(split: number, key: string): number | null {
  const clamp = (value: number) => Math.min(100, Math.max(0, value))
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(split - SPLIT_STEP)
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(split + SPLIT_STEP)
    case 'PageDown':
      return clamp(split - SPLIT_PAGE)
    case 'PageUp':
      return clamp(split + SPLIT_PAGE)
    case 'Home':
      return 0
    case 'End':
      return 100
    default:
      return null
  }
}

/**
 * Keeping one: the other panes that are results go to the trash; reference
 * images that are not results of their own are inputs, never trashed.
 */
export function othersToTrash<T extends { key: string; generationId: string | null }>(
  panes: readonly T[],
  kept: T,
): string[] {
  return panes.flatMap((pane) => (pane.key !== kept.key && pane.generationId !== null ? [pane.generationId] : []))
}
