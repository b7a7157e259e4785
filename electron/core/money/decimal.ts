/**
 * Exact money arithmetic. The provider sends prices as decimal strings
 * ("0.0123" USD); the ledger keeps them as integer micro-dollars (1 USD =
 * 1 000 000 micros) so sums are exact. Floating point is never used: parsing
 * and formatting are string ↔ BigInt, sums are BigInt.
 *
 * Precision rule: up to 6 decimals are exact. A string with more decimals is
 * REJECTED by parseMicros (nothing is silently rounded or truncated), unless the
 * extra digits are zeros ("0.04000000" is exactly 40 000 micros). Callers that
 * must store whatever the provider sent use parseMicrosRoundedHalfUp, which
 * rounds explicitly and says so in its name.
 */

export const MICROS_PER_UNIT = 1_000_000n
export const MICRO_DECIMALS = 6

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

/** Thrown for text that is not a plain decimal amount, or that needs more than 6 decimals. */
export class MoneyFormatError extends Error {
  override readonly name = 'MoneyFormatError'
  readonly code = 'INVALID_AMOUNT'
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`"${input}" is not a valid amount: ${reason}`)
  }
}

interface SplitDecimal {
  negative: boolean
  whole: string
  fraction: string
}

function split(text: string): SplitDecimal {
  const match = DECIMAL.exec(text.trim())
  if (!match) throw new MoneyFormatError(text, 'expected digits with an optional "." part, such as "0.0123"')
  return { negative: match[1] === '-', whole: match[2] ?? '0', fraction: match[3] ?? '' }
}

function toMicros(parts: SplitDecimal, fraction6: string, roundUp: boolean): bigint {
  const magnitude =
    BigInt(parts.whole) * MICROS_PER_UNIT + BigInt(fraction6.padEnd(MICRO_DECIMALS, '0')) + (roundUp ? 1n : 0n)
  return parts.negative ? -magnitude : magnitude
}

/** Exact parse to micro-dollars. Throws MoneyFormatError for non-decimals and for non-zero digits past the 6th decimal. */
export function parseMicros(text: string): bigint {
  const parts = split(text)
  const kept = parts.fraction.slice(0, MICRO_DECIMALS)
  const dropped = parts.fraction.slice(MICRO_DECIMALS)
  if (/[1-9]/.test(dropped)) throw new MoneyFormatError(text, `more than ${MICRO_DECIMALS} decimals`)
  return toMicros(parts, kept, false)
}

/** Like parseMicros but never rejects for precision: digits past the 6th decimal round half up (away from zero). */
export function parseMicrosRoundedHalfUp(text: string): { micros: bigint; rounded: boolean } {
  const parts = split(text)
  const kept = parts.fraction.slice(0, MICRO_DECIMALS)
  const dropped = parts.fraction.slice(MICRO_DECIMALS)
  const roundUp = dropped.length > 0 && dropped.charCodeAt(0) >= '5'.charCodeAt(0)
  return { micros: toMicros(parts, kept, roundUp), rounded: /[1-9]/.test(dropped) }
}

/** Null instead of throwing, for tolerant readers. */
export function tryParseMicros(text: string): bigint | null {
  try {
    return parseMicros(text)
  } catch {
    return null
  }
}

/**
 * Micro-dollars back to the shortest exact decimal string: 300000n → "0.3",
 * 123000000n → "123", 0n → "0". `minDecimals` pads for display ("0.30").
 */
export function formatMicros(micros: bigint | number, minDecimals = 0): string {
  const value = typeof micros === 'bigint' ? micros : toBigIntExact(micros)
  const negative = value < 0n
  const magnitude = negative ? -value : value
  const whole = (magnitude / MICROS_PER_UNIT).toString()
  let fraction = (magnitude % MICROS_PER_UNIT).toString().padStart(MICRO_DECIMALS, '0').replace(/0+$/, '')
  const pad = Math.min(Math.max(minDecimals, 0), MICRO_DECIMALS)
  if (fraction.length < pad) fraction = fraction.padEnd(pad, '0')
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

function toBigIntExact(value: number): bigint {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer amount of micros`)
  return BigInt(value)
}

export function sumMicros(values: Iterable<bigint>): bigint {
  let total = 0n
  for (const value of values) total += value
  return total
}

/** Sums decimal strings exactly ("0.1" + "0.1" + "0.1" = "0.3"). Throws like parseMicros. */
export function sumDecimals(values: Iterable<string>): string {
  let total = 0n
  for (const value of values) total += parseMicros(value)
  return formatMicros(total)
}

/** -1, 0 or 1, like a sort comparator; exact. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const left = parseMicros(a)
  const right = parseMicros(b)
  return left < right ? -1 : left > right ? 1 : 0
}
