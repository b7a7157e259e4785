/**
 * Fetches a link's body for Atelier itself, within limits and only from the
 * public internet:
 * - a deadline for the whole transfer and a size cap (the body is streamed and
 *   cut the moment it passes the cap, so a huge or endless response never fills
 *   memory);
 * - every hop's host is resolved first and refused unless every address is
 *   public (../security/publicAddress.ts), and the connection is pinned to the
 *   address that was checked (a custom `lookup`), so DNS rebinding between the
 *   check and the connect cannot redirect it;
 * - redirects are followed by hand, at most MAX_REDIRECTS, each hop re-checked.
 * Refusals before the body (bad address, closed port, HTTP error, timeout) all
 * read the same, so a page cannot use links to map what answers where.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import { isPublicAddress, type TestNetworkAllowance } from '../security/publicAddress'
import { isReferenceRefusal } from './errors'
import { refuse } from './refusals'

export const MAX_REDIRECTS = 5

/** Resolves a host name to every address it has (dns.lookup with `all`). Injectable for tests. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>

export const resolveWithDns: ResolveHost = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  )

export interface FetchLimits {
  timeoutMs: number
  maxBytes: number
  resolveHost?: ResolveHost
  /** Test-only: see TestNetworkAllowance. */
  allowance?: TestNetworkAllowance
}

/** Why a fetch did not get a body. Internal only (kept as the refusal's cause); the user sees one sentence. */
export class LinkFetchError extends Error {
  override readonly name = 'LinkFetchError'
  constructor(
    readonly reason: 'invalid' | 'address' | 'network' | 'status' | 'redirects' | 'timeout',
    detail: string,
  ) {
    super(`${reason}: ${detail}`)
  }
}

interface Hop {
  url: URL
  address: LookupAddress
}

/** Resolves and checks one hop; refuses when any address of the host is not public. */
async function checkHop(url: URL, limits: FetchLimits): Promise<Hop> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LinkFetchError('invalid', url.protocol)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const literal = isIP(host)
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await (limits.resolveHost ?? resolveWithDns)(host).catch((error: unknown) => {
        throw new LinkFetchError('network', `lookup failed: ${String(error)}`)
      })
  if (addresses.length === 0) throw new LinkFetchError('network', 'no address')
  // All, not some: a host that answers with one public and one private address could be steered to the private one.
  const refused = addresses.find((entry) => !isPublicAddress(entry.address, limits.allowance))
  if (refused) throw new LinkFetchError('address', refused.address)
  return { url, address: addresses[0]! }
}

/** One request to the checked address; resolves with the response head. */
function requestHop(hop: Hop, signal: AbortSignal): Promise<IncomingMessage> {
  // The connection goes to the address that was checked, whatever DNS says now.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: LookupAddress[]) => void)(null, [hop.address])
    else callback(null, hop.address.address, hop.address.family)
  }
  const request = hop.url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const outgoing = request(hop.url, {
      method: 'GET',
      signal,
      lookup: pinned,
      // No keep-alive pool: a pooled socket could outlive the check it was opened under.
      agent: false,
      headers: { accept: 'image/jpeg,image/png,image/webp,image/*;q=0.8', 'user-agent': 'Atelier' },
    })
    outgoing.once('response', resolve)
    outgoing.once('error', reject)
    outgoing.end()
  })
}

export async function fetchLimited(
  url: string,
  limits: FetchLimits,
): Promise<{ bytes: Buffer; contentType: string | null }> {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, limits.timeoutMs)
  const unreachable = (error: unknown): never => {
    if (isReferenceRefusal(error)) throw error
    const cause = timedOut ? new LinkFetchError('timeout', `${limits.timeoutMs} ms`) : error
    throw refuse.urlUnreachable({ cause })
  }

  try {
    let current = new URL(url)
    let response: IncomingMessage
    for (let hops = 0; ; hops++) {
      const hop = await checkHop(current, limits).catch(unreachable)
      if (controller.signal.aborted) unreachable(null)
      response = await requestHop(hop, controller.signal).catch(unreachable)
      const status = response.statusCode ?? 0
      const location = response.headers.location
      if (status >= 300 && status < 400 && location) {
        response.destroy()
        if (hops >= MAX_REDIRECTS) unreachable(new LinkFetchError('redirects', `more than ${MAX_REDIRECTS}`))
        try {
          current = new URL(location, current)
        } catch {
          unreachable(new LinkFetchError('invalid', location))
        }
        continue
      }
      if (status < 200 || status >= 300) {
        response.destroy()
        unreachable(new LinkFetchError('status', String(status)))
      }
      break
    }

    const declared = Number(response.headers['content-length'])
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      response.destroy()
      throw refuse.urlTooLarge(limits.maxBytes)
    }
    const chunks: Buffer[] = []
    let total = 0
    try {
      for await (const chunk of response as AsyncIterable<Buffer>) {
        total += chunk.byteLength
        if (total > limits.maxBytes) {
          response.destroy()
          throw refuse.urlTooLarge(limits.maxBytes)
        }
        chunks.push(chunk)
      }
    } catch (error) {
      unreachable(error)
    }
    if (timedOut) unreachable(null)
    const contentType = response.headers['content-type']
    return { bytes: Buffer.concat(chunks, total), contentType: contentType ?? null }
  } finally {
    clearTimeout(timer)
  }
}
