/**
 * JSON with bytes: the WebSocket transport carries `Uint8Array` (dropped files)
 * as `{ "$bytes": "<base64>" }`. Electron IPC needs none of this (structured clone).
 */
const BYTES_KEY = '$bytes'

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function encodeMessage(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { [BYTES_KEY]: toBase64(v) } : v))
}

export function decodeMessage(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const record = v as Record<string, unknown>
      const encoded = record[BYTES_KEY]
      if (typeof encoded === 'string' && Object.keys(record).length === 1) return fromBase64(encoded)
    }
    return v
  })
}
