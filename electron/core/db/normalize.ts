/** Values normalized before they are stored, so that what a write returns is what a read gives. */

/**
 * Text as SQLite stores it (UTF-8, read back up to the first NUL): a lone
 * surrogate cannot be encoded, so it becomes U+FFFD, and NUL characters are
 * dropped. Applied before writing, so what a write returns is exactly what a
 * later read gives.
 */
export function storableText(text: string): string {
  return text.replace(/\p{Cs}/gu, '\uFFFD').replaceAll('\0', '')
}

/**
 * Timestamps are stored as canonical ISO strings (`toISOString()`: UTC, always
 * milliseconds, `Z`). One fixed shape makes string order equal time order, which
 * the keyset cursor and the range queries rely on ("…00Z" and "…00.500Z" would
 * otherwise sort the wrong way round).
 */
export function canonicalTimestamp(value: string): string {
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new RangeError(`Not a timestamp: ${JSON.stringify(value)}`)
  return new Date(ms).toISOString()
}

export function canonicalOrNull(value: string | null | undefined): string | null {
  return value == null ? null : canonicalTimestamp(value)
}
