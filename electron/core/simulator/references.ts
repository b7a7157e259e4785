/**
 * Reference images as the API receives them: an http(s) URL (stored, never
 * fetched), a data URI of JPEG/PNG/WEBP, or bare base64. Decoded bytes are
 * checked with sharp, as the provider does, so a client that sends a GIF or a
 * truncated header is refused the way the real service would refuse it.
 */
import sharp from 'sharp'

export type ImageFormat = 'jpeg' | 'png' | 'webp'

export type ParsedReference =
  | { kind: 'url'; url: string }
  | { kind: 'data'; declaredMime: string | null; bytes: Buffer }
  /** Not a URL, not a data URI of an accepted type, not base64. */
  | { kind: 'malformed' }

/** A reference that passed the checks, with what the renderer needs. */
export type AcceptedReference =
  { kind: 'url'; url: string } | { kind: 'image'; bytes: Buffer; format: ImageFormat; width: number; height: number }

const ACCEPTED_MIME = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/webp'])
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

function decodeBase64(text: string): Buffer | null {
  // Line-wrapped base64 (76-column encoders) is fine; spaces mean it is prose.
  const compact = text.replace(/\r?\n/g, '')
  if (compact.length === 0 || compact.length % 4 === 1 || !BASE64.test(compact)) return null
  const bytes = Buffer.from(compact, 'base64')
  return bytes.length > 0 ? bytes : null
}

export function parseReference(value: string): ParsedReference {
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value)
      return url.protocol === 'http:' || url.protocol === 'https:'
        ? { kind: 'url', url: url.href }
        : { kind: 'malformed' }
    } catch {
      return { kind: 'malformed' }
    }
  }
  if (value.startsWith('data:')) {
    const match = /^data:([^;,]+);base64,(.*)$/s.exec(value)
    if (!match) return { kind: 'malformed' }
    const mime = (match[1] ?? '').toLowerCase()
    if (!ACCEPTED_MIME.has(mime)) return { kind: 'malformed' }
    const bytes = decodeBase64(match[2] ?? '')
    return bytes ? { kind: 'data', declaredMime: mime, bytes } : { kind: 'malformed' }
  }
  const bytes = decodeBase64(value)
  return bytes ? { kind: 'data', declaredMime: null, bytes } : { kind: 'malformed' }
}

/**
 * What the bytes really are, judged by sharp's header parsing (cheap: no full
 * decode). Null for anything but JPEG, PNG or WEBP. Bare base64 is documented
 * as "decoded as JPEG"; like the provider's image library, the simulator sniffs
 * the bytes rather than trusting the label, so PNG and WEBP pass there too.
 */
export async function inspectImage(
  bytes: Buffer,
): Promise<{ format: ImageFormat; width: number; height: number } | null> {
  try {
    const meta = await sharp(bytes).metadata()
    if (meta.format !== 'jpeg' && meta.format !== 'png' && meta.format !== 'webp') return null
    const { width, height } = meta.autoOrient
    if (!(width > 0 && height > 0)) return null
    return { format: meta.format, width, height }
  } catch {
    return null
  }
}
