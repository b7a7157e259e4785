/**
 * Only our own window's top-level frame, showing our own page, may call the
 * core. Iframes, webviews, other windows and navigated-away pages are refused.
 * Written against structural types so it is unit-tested without Electron.
 */
export interface SenderFrameLike {
  url: string
  parent: unknown
}

export function isTrustedSender(frame: SenderFrameLike | null | undefined, isOurWebContents: boolean, appUrl: string): boolean {
  if (!frame || !isOurWebContents) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, appUrl)
}

/** The page we loaded (a file:// index.html, or the dev server's origin). */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  let url: URL
  let app: URL
  try {
    url = new URL(candidate)
    app = new URL(appUrl)
  } catch {
    return false
  }
  if (app.protocol === 'file:') return url.protocol === 'file:' && url.pathname === app.pathname
  return url.origin === app.origin
}
