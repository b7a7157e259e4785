/**
 * Exact money for the simulator's balance: decimal strings become integer
 * micro-units (1e-6 USD) held in a BigInt, so "0.12" minus three "0.04" is
 * exactly zero — never floating point.
 */

const MICROS_PER_UNIT = 1_000_000n
const FRACTION_DIGITS = 6

/** "0.0400" → 40000n. Throws on anything that is not a non-negative decimal or is finer than a micro-unit. */
export function toMicros(decimal: string): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal.trim())
  if (!match) throw new Error(`not a decimal amount: "${decimal}"`)
  const whole = match[1] ?? '0'
  const fraction = match[2] ?? ''
  if (/[^0]/.test(fraction.slice(FRACTION_DIGITS))) {
    throw new Error(`"${decimal}" is finer than one micro-unit`)
  }
  return BigInt(whole) * MICROS_PER_UNIT + BigInt(fraction.slice(0, FRACTION_DIGITS).padEnd(FRACTION_DIGITS, '0'))
}

/** 40000n → "0.0400": at least `minFractionDigits` decimals, trailing zeros beyond that trimmed. */
export function formatMicros(micros: bigint, minFractionDigits = 4): string {
  const sign = micros < 0n ? '-' : ''
  const abs = micros < 0n ? -micros : micros
  const whole = abs / MICROS_PER_UNIT
  let fraction = (abs % MICROS_PER_UNIT).toString().padStart(FRACTION_DIGITS, '0')
  while (fraction.length > minFractionDigits && fraction.endsWith('0')) fraction = fraction.slice(0, -1)
  return fraction.length > 0 ? `${sign}${whole}.${fraction}` : `${sign}${whole}`
}
