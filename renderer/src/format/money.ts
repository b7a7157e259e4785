/**
 * Prices are decimal strings ("0.0123") and stay strings: no floating point ever
 * touches money. Shown with at least two decimals and the provider's precision.
 */
export function formatPrice(price: string | null | undefined): string | null {
  if (!price) return null
  const match = /^(\d+)(?:\.(\d+))?$/.exec(price.trim())
  if (!match) return null
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '')
  const fraction = (match[2] ?? '').replace(/0+$/, '').padEnd(2, '0')
  return `$${whole}.${fraction}`
}

/** A user-typed limit: empty means "no limit"; otherwise a plain decimal amount. */
export function parseSpendLimit(text: string): { ok: true; value: string | null } | { ok: false; message: string } {
  const trimmed = text.trim().replace(/^\$/, '')
  if (trimmed === '') return { ok: true, value: null }
  if (!/^\d+(\.\d+)?$/.test(trimmed))
    return { ok: false, message: 'Enter an amount such as 5 or 12.50, or leave it empty.' }
  return { ok: true, value: trimmed }
}
