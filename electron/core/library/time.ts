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
