/**
 * Actions on an image file: the desktop app does them natively (through the
 * core's DesktopPort); browser mode falls back to what a web page can do —
 * the Clipboard API, a download link, an HTML drag carrying a DownloadURL.
 * `reveal` has no browser equivalent and is simply not offered there.
 */
import type { DragEvent } from 'react'
import type { DesktopCapabilities } from '../../../shared/contract'
import type { Generation } from '../../../shared/domain'
import { atelier } from '../api/client'
import { settingsStore } from '../stores/settings/store'

import { GENERATION_DRAG_TYPE } from '../dragTypes'

const NONE: DesktopCapabilities = {
  copyImage: false,
  saveAs: false,
  reveal: false,
  nativeDrag: false,
  chooseFolder: false,
}

export function capabilities(): DesktopCapabilities {
  return settingsStore.getState().app?.capabilities ?? NONE
}

/** The name a saved or dragged file gets: words of the prompt plus the start of the id. */
export function suggestedFileName(g: Generation): string {
  const words = g.prompt
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '')
  const ext = g.image?.path.match(/\.[a-z0-9]+$/i)?.[0] ?? '.png'
  return `${words || 'atelier'}-${g.id.slice(0, 8)}${ext}`
}

/** An absolute URL of the image (a DownloadURL drag needs one). */
function absoluteImageUrl(g: Generation): string | null {
  if (!g.image) return null
  return new URL(atelier.mediaUrl(g.image.path), location.href).toString()
}

/** PNG is what other applications paste; other formats are converted through a canvas. */
async function asPng(blob: Blob): Promise<Blob> {
  if (blob.type === 'image/png') return blob
  const bitmap = await createImageBitmap(blob)
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0)
  bitmap.close()
  return canvas.convertToBlob({ type: 'image/png' })
}

export async function copyImage(g: Generation): Promise<void> {
  if (capabilities().copyImage) {
    await atelier.invoke('file.copyImage', { id: g.id })
    return
  }
  if (!g.image) throw new Error('This generation has no image.')
  // The item takes a promise, so the clipboard write starts inside the click (Chromium requires that).
  const png = fetch(atelier.mediaUrl(g.image.path))
    .then((response) => {
      if (!response.ok) throw new Error('The image could not be read.')
      return response.blob()
    })
    .then(asPng)
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })])
}

/** Returns where it went (desktop) or null (browser: the browser's own download handles it). */
export async function saveImageAs(g: Generation): Promise<string | null> {
  if (capabilities().saveAs) return (await atelier.invoke('file.saveAs', { id: g.id })).path
  if (!g.image) return null
  const link = document.createElement('a')
  link.href = atelier.mediaUrl(g.image.path)
  link.download = suggestedFileName(g)
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  return null
}

export function canReveal(): boolean {
  return capabilities().reveal
}

export async function revealImage(g: Generation): Promise<void> {
  await atelier.invoke('file.reveal', { id: g.id })
}

/**
 * Dragging images out: the desktop app starts a native file drag (the file lands in
 * folders, mails, editors); a browser gets a DownloadURL (Chromium saves the file where
 * it is dropped) plus the URL itself for targets that take links.
 */
export function startDragOut(event: DragEvent, generations: readonly Generation[]): void {
  const withImages = generations.filter((g) => g.image && !g.image.missing)
  const first = withImages[0]
  if (!first) {
    event.preventDefault()
    return
  }
  if (capabilities().nativeDrag) {
    event.preventDefault()
    void atelier.invoke('file.startDrag', { ids: withImages.slice(0, 100).map((g) => g.id) })
    return
  }
  const url = absoluteImageUrl(first)
  if (!url) return
  event.dataTransfer.effectAllowed = 'copy'
  // For Atelier's own drop zones (e.g. the studio's references): which generations, by id.
  event.dataTransfer.setData(GENERATION_DRAG_TYPE, JSON.stringify(withImages.map((g) => g.id)))
  event.dataTransfer.setData('DownloadURL', `${first.image!.mime}:${suggestedFileName(first)}:${url}`)
  event.dataTransfer.setData('text/uri-list', url)
  event.dataTransfer.setData('text/plain', url)
}
