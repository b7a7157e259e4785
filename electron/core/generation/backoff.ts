/**
 * Exponential backoff with full jitter (the "Full Jitter" variant from AWS's
 * architecture blog): a uniformly random delay in [0, min(cap, base·2^(attempt−1))).
 * Full jitter spreads a crowd of retrying tasks evenly instead of in waves.
 *
 * @param attempt 1 for the first retry, 2 for the second, …
 * @param random a number in [0, 1), injectable for tests
 */
export function computeBackoff(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1)
  const ceiling = Math.min(capMs, baseMs * 2 ** exponent)
  if (!Number.isFinite(ceiling) || ceiling <= 0) return 0
  const r = Math.min(Math.max(random(), 0), 1)
  return Math.floor(r * ceiling)
}

/**
 * The delay before trying again after the server said when (`Retry-After`):
 * at least that long, plus a little jitter so a crowd does not return at once.
 */
export function delayAfterRetryAfter(retryAfterMs: number, baseMs: number, random: () => number = Math.random): number {
  const spread = Math.min(baseMs, Math.max(1, retryAfterMs / 4))
  return Math.max(0, retryAfterMs) + Math.floor(Math.min(Math.max(random(), 0), 1) * spread)
}
