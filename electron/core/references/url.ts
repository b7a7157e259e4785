/**
 * Image links become references that are sent as links (the provider fetches
 * and stores the link itself). We fetch once, within limits, to check that the
 * link really leads to an image the provider takes, and to keep a small
 * preview for the UI under refs/url-<sha256 of the URL>.jpg.
 */
import type { ReferenceInfo } from '../../../shared/domain'
import { encodePreview } from './encode'
import { fetchLimited, type ResolveHost } from './fetchLimited'
import type { TestNetworkAllowance } from '../security/publicAddress'
import { readImageInfo, type ImageInfo } from './inspect'
import { isReferenceRefusal } from './errors'
import { REFS_FOLDER } from './prepare'
import { refuse } from './refusals'
import { API_FORMATS } from './sniff'
import { sha256Hex, writeFileAtomic } from './store'

export const DEFAULT_URL_TIMEOUT_MS = 10_000
export const DEFAULT_URL_MAX_BYTES = 20 * 1024 * 1024
export const URL_PREVIEW_EDGE = 512

export interface PrepareUrlOptions {
  /** Absolute path of `<dataDir>/refs`. */
  refsDir: string
  /** How host names are resolved; default dns.lookup. Tests inject one to show the connection is pinned. */
  resolveHost?: ResolveHost
  /** Test-only: addresses treated as public (the test servers on 127.0.0.1). Never set by the app. */
  allowance?: TestNetworkAllowance
  /** For the whole fetch, body included. Default 10 s. */
  timeoutMs?: number
  /** Default 20 MB. */
  maxBytes?: number
}

/** Only http(s); anything else (file:, javascript:, data:) the provider could not reach. */
function parseWebUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw refuse.urlInvalid(raw)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse.urlInvalid(raw)
  return url
}

/** A readable name for the UI: the last path segment, else the host. */
function nameFromUrl(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop()
  if (!last) return url.hostname
  try {
    return decodeURIComponent(last)
  } catch {
    return last
  }
}

export async function prepareReferenceUrl(rawUrl: string, options: PrepareUrlOptions): Promise<ReferenceInfo> {
  const url = parseWebUrl(rawUrl)
  const href = url.href
  const { bytes } = await fetchLimited(href, {
    timeoutMs: options.timeoutMs ?? DEFAULT_URL_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_URL_MAX_BYTES,
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
    ...(options.allowance ? { allowance: options.allowance } : {}),
  })

  const notAnImage = (error: unknown): never => {
    // A decompression bomb keeps its own refusal; anything else means "not an image we can use".
    if (isReferenceRefusal(error) && error.code === 'REFERENCE_TOO_MANY_PIXELS') throw error
    throw refuse.urlNotImage(error)
  }
  const info: ImageInfo = await readImageInfo(bytes, nameFromUrl(url)).catch(notAnImage)
  if (!API_FORMATS.includes(info.format)) throw refuse.urlUnsupported(info.format)
  const preview = await encodePreview(bytes, URL_PREVIEW_EDGE).catch(notAnImage)

  const id = sha256Hex(href)
  const fileName = `url-${id}.jpg`
  // Rewritten every time: what the link serves may have changed since the last drop.
  await writeFileAtomic(options.refsDir, fileName, preview.bytes)
  return {
    id,
    kind: 'url',
    path: `${REFS_FOLDER}/${fileName}`,
    url: href,
    mime: info.mime,
    width: info.width,
    height: info.height,
    originalBytes: info.bytes,
    preparedBytes: null,
    sourceGenerationId: null,
    name: nameFromUrl(url),
  }
}
