/**
 * Where the runblob API may be: an https:// address, or plain http:// only for a
 * server on this computer (a simulator, a local proxy). The key is bound to the
 * origin it was verified against (electron/core/key/keyVault.ts), so this is the
 * one rule that decides which origins exist.
 */
export const API_ADDRESS_MESSAGE = 'Use an https:// address (http:// only for a server on this computer).'

/** localhost, *.localhost, 127.0.0.0/8 and ::1, as the URL parser normalises them. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (host === '[::1]') return true
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

export function isAllowedApiAddress(value: string): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  if (url.protocol === 'https:') return true
  return url.protocol === 'http:' && isLoopbackHost(url.hostname)
}

/** The origin a key is bound to (scheme, host, port); null for something that is not a URL. */
export function apiOrigin(value: string): string | null {
  try {
    return new URL(value).origin
  } catch {
    return null
  }
}
