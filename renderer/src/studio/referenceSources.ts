/**
 * Turning what the user gives us (dropped or picked files, pasted images, links
 * dragged from a browser) into reference requests for the studio store. Bytes
 * are read only after the spinner tile is shown.
 */
import { formatBytes } from '../format/bytes'
import type { ReferenceRequest } from '../stores/studio/store'

/** Set by a tile being dragged inside the tray, so the studio's drop zone ignores it. */
export const INTERNAL_DRAG_TYPE = 'application/x-atelier-reference'

/** Larger files are refused here rather than pushed through IPC (the core downsizes anyway). */
export const MAX_FILE_BYTES = 100 * 1000 * 1000

const MAX_NAME_LENGTH = 200

export function fileRequest(file: File): ReferenceRequest {
  const name = (file.name || 'pasted-image.png').slice(-MAX_NAME_LENGTH)
  return {
    label: name,
    source: async () => {
      if (file.size > MAX_FILE_BYTES) {
        throw new Error(`${name} is ${formatBytes(file.size)}; images up to ${formatBytes(MAX_FILE_BYTES)} can be used.`)
      }
      return { kind: 'bytes', name, bytes: new Uint8Array(await file.arrayBuffer()) }
    },
  }
}

export function urlRequest(url: string): ReferenceRequest {
  return { label: url, source: { kind: 'url', url } }
}

const isHttpUrl = (text: string): boolean => /^https?:\/\/\S+$/i.test(text)

/** http(s) links from a drop: text/uri-list first (links dragged from a browser), then plain text. */
export function urlsFromDataTransfer(data: DataTransfer): string[] {
  const uriList = data.getData('text/uri-list')
  const lines = uriList
    ? uriList.split(/\r?\n/).filter((line) => line && !line.startsWith('#'))
    : data.getData('text/plain').trim().split(/\s+/)
  return lines.map((line) => line.trim()).filter(isHttpUrl)
}

/** Files win over links: a picture dragged from a page may carry both. */
export function requestsFromDataTransfer(data: DataTransfer): ReferenceRequest[] {
  const files = Array.from(data.files)
  if (files.length > 0) return files.map(fileRequest)
  return urlsFromDataTransfer(data).map(urlRequest)
}

export function carriesExternalDrop(data: DataTransfer | null): boolean {
  if (!data) return false
  const types = Array.from(data.types)
  if (types.includes(INTERNAL_DRAG_TYPE)) return false
  return types.includes('Files') || types.includes('text/uri-list')
}
