/**
 * Test images made with real sharp on the Node side, and the ways a person
 * hands them to the studio: a drop from the OS (a DataTransfer of Files), a
 * paste (a ClipboardEvent carrying image data), a picture or link dragged from
 * a web page (text/uri-list, text/html), and a tiny web server on 127.0.0.1 to
 * serve the image a link points at.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Locator, Page } from '@playwright/test'
import sharp from 'sharp'
import { photoLike } from '../../support/testImages'

export interface TestFile {
  name: string
  mime: string
  bytes: Buffer
}

/** A photo-like JPEG (smooth shapes, so it is small but real). */
export async function photoJpeg(name: string, width: number, height: number, seed: number): Promise<TestFile> {
  const raw = await photoLike(width, height, seed)
  const bytes = await sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer()
  return { name, mime: 'image/jpeg', bytes }
}

/** A PNG with transparency (stays PNG after preparation). */
export async function alphaPng(name: string, width: number, height: number): Promise<TestFile> {
  const bytes = await sharp({
    create: { width, height, channels: 4, background: { r: 30, g: 140, b: 200, alpha: 0.5 } },
  })
    .png()
    .toBuffer()
  return { name, mime: 'image/png', bytes }
}

type WireFile = { name: string; mime: string; base64: string }
const toWire = (files: TestFile[]): WireFile[] =>
  files.map((f) => ({ name: f.name, mime: f.mime, base64: f.bytes.toString('base64') }))

/** Builds a DataTransfer in the page holding these files and string items. */
async function dataTransfer(page: Page, files: TestFile[], strings: Record<string, string> = {}) {
  return page.evaluateHandle(
    ({ files, strings }) => {
      const transfer = new DataTransfer()
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
        transfer.items.add(new File([bytes], file.name, { type: file.mime }))
      }
      for (const [type, value] of Object.entries(strings)) transfer.setData(type, value)
      return transfer
    },
    { files: toWire(files), strings },
  )
}

/** What the OS does when files are dropped: dragenter, dragover, drop with a DataTransfer of Files. */
export async function dropFiles(target: Locator, files: TestFile[]): Promise<void> {
  const transfer = await dataTransfer(target.page(), files)
  await target.dispatchEvent('dragenter', { dataTransfer: transfer })
  await target.dispatchEvent('dragover', { dataTransfer: transfer })
  await target.dispatchEvent('drop', { dataTransfer: transfer })
  await transfer.dispose()
}

/** What a web browser does when a picture or link is dragged out of a page. */
export async function dropFromWebPage(
  target: Locator,
  data: { uriList?: string; html?: string; text?: string },
): Promise<void> {
  const strings: Record<string, string> = {}
  if (data.uriList !== undefined) strings['text/uri-list'] = data.uriList
  if (data.html !== undefined) strings['text/html'] = data.html
  if (data.text !== undefined) strings['text/plain'] = data.text
  const transfer = await dataTransfer(target.page(), [], strings)
  await target.dispatchEvent('dragover', { dataTransfer: transfer })
  await target.dispatchEvent('drop', { dataTransfer: transfer })
  await transfer.dispose()
}

/** Ctrl/Cmd+V of image data: a paste event whose clipboardData holds an image file, on the focused element. */
export async function pasteImage(page: Page, file: TestFile): Promise<void> {
  await page.evaluate(
    (file) => {
      const transfer = new DataTransfer()
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
      transfer.items.add(new File([bytes], file.name, { type: file.mime }))
      const target = document.activeElement ?? document.body
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
    },
    toWire([file])[0]!,
  )
}

export interface ImageServer {
  /** URL of the image, e.g. http://127.0.0.1:41234/pictures/harbour.jpg */
  url: string
  /** How many times the image was fetched. */
  hits(): number
  close(): Promise<void>
}

/** A web server on 127.0.0.1 serving one image, as a web page's picture would be. */
export async function serveImage(file: TestFile, path = `/pictures/${file.name}`): Promise<ImageServer> {
  let hits = 0
  const server = createServer((request, response) => {
    if (request.url !== path) {
      response.writeHead(404).end()
      return
    }
    hits++
    response.writeHead(200, { 'Content-Type': file.mime, 'Content-Length': file.bytes.length }).end(file.bytes)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${path}`,
    hits: () => hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
