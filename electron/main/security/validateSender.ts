/**
 * Only our own window's top-level frame, showing our own page, may call the
 * core. Iframes, webviews, other windows and navigated-away pages are refused.
 * Written against structural types so it is unit-tested without Electron.
 */
export interface SenderFrameLike {
  url: string
  parent: unknown
}

export function isTrustedSender(
  frame: SenderFrameLike | null | undefined,
  isOurWebContents: boolean,
  appOrigin: string,
): boolean {
  if (!frame || !isOurWebContents) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, appOrigin)
}

/** A URL of the page we serve: same scheme, host and port as `app://atelier` (or the dev server), compared in full. */
export function isAppUrl(candidate: string, appOrigin: string): boolean {
  try {
    const url = new URL(candidate)
    const app = new URL(appOrigin)
    // Non-special schemes report the origin "null"; compare the parts instead.
    return url.protocol === app.protocol && url.host === app.host && url.host !== ''
  } catch {
    return false
  }
}
