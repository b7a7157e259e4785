/**
 * The API key must never leave through an error, a log line or a thrown
 * object — not even when a server or a network library echoes it back.
 */
export const REDACTED = '***'

export function redactSecret(text: string, secret: string | null | undefined): string {
  if (!secret) return text
  return text.split(secret).join(REDACTED)
}

/**
 * A cause chain rebuilt from names, codes, nested `errors` and (redacted)
 * messages only: no request objects, headers or buffers that could carry the key.
 */
export function sanitizeCause(cause: unknown, secret: string | null | undefined, depth = 0): Error | undefined {
  if (depth > 3 || cause === null || cause === undefined) return undefined
  const source = cause instanceof Error ? cause : new Error(String(cause))
  const nested = sanitizeCause((source as { cause?: unknown }).cause, secret, depth + 1)
  const copy = new Error(redactSecret(source.message, secret), nested ? { cause: nested } : undefined)
  copy.name = source.name
  const code = (source as { code?: unknown }).code
  if (typeof code === 'string') Object.assign(copy, { code })
  // AggregateError (one failed attempt per address): the task engine reads these codes too.
  const errors = (source as { errors?: unknown }).errors
  if (Array.isArray(errors)) {
    Object.assign(copy, {
      errors: errors
        .slice(0, 8)
        .map((inner: unknown) => sanitizeCause(inner, secret, depth + 1))
        .filter(Boolean),
    })
  }
  copy.stack = `${copy.name}: ${copy.message}`
  return copy
}

/** The first string `code` along a cause chain (ECONNRESET, UND_ERR_SOCKET…). */
export function causeCode(error: unknown): string | null {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return null
}
