/**
 * Fetches a URL's body with a deadline and a size cap: the body is streamed and
 * the transfer cut the moment it passes the cap, so a huge or endless response
 * never fills memory. Every failure is a REFERENCE_URL_UNREACHABLE refusal.
 */
import { refuse } from './refusals'

export interface FetchLimits {
  fetch: typeof fetch
  timeoutMs: number
  maxBytes: number
}

export async function fetchLimited(url: string, limits: FetchLimits): Promise<{ bytes: Buffer; contentType: string | null }> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, limits.timeoutMs)
  const fail = (error: unknown): never => {
    if (timedOut) throw refuse.urlUnreachable('timeout', { timeoutMs: limits.timeoutMs, cause: error })
    throw refuse.urlUnreachable('network', { cause: error })
  }

  try {
    const response = await limits
      .fetch(url, {
        signal: controller.signal,
        redirect: 'follow',
        headers: { accept: 'image/jpeg,image/png,image/webp,image/*;q=0.8' },
      })
      .catch(fail)
    if (!response.ok) {
      await response.body?.cancel().catch(() => {})
      throw refuse.urlUnreachable('http', { status: response.status })
    }
    const declared = Number(response.headers.get('content-length'))
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => {})
      throw refuse.urlUnreachable('too_large', { maxBytes: limits.maxBytes })
    }

    const chunks: Uint8Array[] = []
    let total = 0
    if (response.body) {
      const reader = response.body.getReader()
      for (;;) {
        const { done, value } = await reader.read().catch(fail)
        if (done) break
        total += value.byteLength
        if (total > limits.maxBytes) {
          controller.abort()
          await reader.cancel().catch(() => {})
          throw refuse.urlUnreachable('too_large', { maxBytes: limits.maxBytes })
        }
        chunks.push(value)
      }
    }
    return { bytes: Buffer.concat(chunks, total), contentType: response.headers.get('content-type') }
  } finally {
    clearTimeout(timer)
  }
}
