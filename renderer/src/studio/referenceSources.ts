/**
 * Turning what the user gives us (dropped or picked files, pasted images,
 * pictures and links dragged from a web browser) into reference requests for
 * the studio store. Bytes are read only after the spinner tile is shown.
 */
import { formatBytes } from '../format/bytes'
import type { ReferenceRequest } from '../stores/studio/store'
import { GENERATION_DRAG_TYPE } from '../dragTypes'

/** Set by a tile being dragged inside the tray, so the studio's drop zone ignores it. */
export const INTERNAL_DRAG_TYPE = 'application/x-atelier-reference'

/** Larger files are refused here rather than pushed through IPC (the core downsizes anyway). */
export const MAX_FILE_BYTES = 100 * 1000 * 1000

const MAX_NAME_LENGTH = 200

export function fileRequest(file: File): ReferenceRequest {
  const name = (file.name || `pasted-image.${extensionOf(file.type)}`).slice(-MAX_NAME_LENGTH)
  return {
    label: name,
    source: async () => {
      if (file.size > MAX_FILE_BYTES) {
        throw new Error(
          `${name} is ${formatBytes(file.size)}; images up to ${formatBytes(MAX_FILE_BYTES)} can be used.`,
        )
      }
      return { kind: 'bytes', name, bytes: new Uint8Array(await file.arrayBuffer()) }
    },
  }
}

const extensionOf = (mime: string): string => /^image\/([a-z0-9]+)/i.exec(mime)?.[1]?.replace('jpeg', 'jpg') ?? 'png'

const DATA_IMAGE = /^data:(image\/[a-z0-9.+-]+)(;[^,]*)?,(.*)$/is

/** A picture dragged from a page may be inline (`<img src="data:image/png;base64,…">`): its bytes are the reference. */
export function dataUriRequest(uri: string): ReferenceRequest | null {
  const match = DATA_IMAGE.exec(uri.trim())
  if (!match) return null
  const [, mime = 'image/png', params = '', payload = ''] = match
  const name = `dropped-image.${extensionOf(mime)}`
  return {
    label: name,
    source: async () => {
      const text = params.toLowerCase().includes(';base64')
        ? atob(payload.replace(/\s+/g, ''))
        : decodeURIComponent(payload)
      const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)
      return { kind: 'bytes', name, bytes }
    },
  }
}

export function urlRequest(url: string): ReferenceRequest {
  return { label: url, source: { kind: 'url', url } }
}

const isHttpUrl = (text: string): boolean => /^https?:\/\/\S+$/i.test(text)

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'" }
const decodeEntities = (text: string): string =>
  text.replace(/&(amp|quot|apos|lt|gt|#39);/g, (_, name: string) => ENTITIES[name] ?? '')

/**
 * The `src` of every <img> in HTML dragged from a web page. A browser puts the
 * picture's own address here, while text/uri-list holds the link around it when
 * the picture sits inside one (a page, not an image).
 */
export function imageSourcesFromHtml(html: string): string[] {
  const sources: string[] = []
  for (const match of html.matchAll(/<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
    const src = decodeEntities((match[1] ?? match[2] ?? match[3] ?? '').trim())
    if (isHttpUrl(src) || DATA_IMAGE.test(src)) sources.push(src)
  }
  return sources
}

/** http(s) links from text/uri-list (links dragged from a browser); plain text only when asked. */
export function urlsFromDataTransfer(data: DataTransfer, includePlainText = true): string[] {
  const uriList = data.getData('text/uri-list')
  const lines = uriList
    ? uriList.split(/\r?\n/).filter((line) => line && !line.startsWith('#'))
    : includePlainText
      ? data.getData('text/plain').trim().split(/\s+/)
      : []
  return lines.map((line) => line.trim()).filter(isHttpUrl)
}

const sourceRequest = (src: string): ReferenceRequest | null => (isHttpUrl(src) ? urlRequest(src) : dataUriRequest(src))

/**
 * What a drop or paste carries, best first: files (bytes we have), then the
 * pictures in dragged HTML, then links. `includePlainText` lets a bare address
 * typed as text count (not inside a text field, where text stays text).
 */
export function requestsFromDataTransfer(data: DataTransfer, { includePlainText = true } = {}): ReferenceRequest[] {
  const fromLibrary = generationIdsOf(data)
  if (fromLibrary.length > 0) {
    return fromLibrary.map((generationId) => ({
      label: 'Image from the library',
      source: { kind: 'generation', generationId },
    }))
  }
  const files = Array.from(data.files)
  if (files.length > 0) return files.map(fileRequest)
  const html = data.getData('text/html')
  const pictures = html
    ? unique(imageSourcesFromHtml(html))
        .map(sourceRequest)
        .filter((r) => r !== null)
    : []
  if (pictures.length > 0) return pictures
  return unique(urlsFromDataTransfer(data, includePlainText)).map(urlRequest)
}

/** Images dragged from Atelier's own library: used as themselves, with their lineage. */
function generationIdsOf(data: DataTransfer): string[] {
  const raw = data.getData(GENERATION_DRAG_TYPE)
  if (!raw) return []
  try {
    const ids: unknown = JSON.parse(raw)
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}

/** Image files only (a paste may carry a file icon or a document too). */
export function imageFilesOf(data: DataTransfer): File[] {
  return Array.from(data.files).filter((file) => file.type.startsWith('image/') || file.type === '')
}

const unique = (values: string[]): string[] => [...new Set(values)]

export function carriesExternalDrop(data: DataTransfer | null): boolean {
  if (!data) return false
  const types = Array.from(data.types)
  if (types.includes(INTERNAL_DRAG_TYPE)) return false
  return (
    types.includes('Files') ||
    types.includes('text/uri-list') ||
    types.includes('text/html') ||
    types.includes(GENERATION_DRAG_TYPE)
  )
}
