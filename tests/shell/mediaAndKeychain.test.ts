/**
 * Shell items of the security pass, through the stand-in electron module: the
 * atelier-media:// handler applies the core's media rules (400 on a malformed
 * escape, regular image files only, no links, fixed image types, MEDIA_HEADERS),
 * and the safeStorage cipher passes on `shouldReEncrypt` so the vault rewrites
 * the stored key after a keychain rotation.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { gridThumbsSettled, MEDIA_HEADERS } from '../../electron/core/media'
import { safeStorageCipher } from '../../electron/main/electronPorts'
import { protocol, safeStorage } from './standIn/electron'
import { bootShell, stopBootedShells, type BootedShell } from './support/bootShell'

let booted: BootedShell | null = null
afterEach(stopBootedShells)

describe('atelier-media:// in the Electron shell', () => {
  it('serves a real image with its fixed type and the media headers', async () => {
    booted = await bootShell()
    const library = join(booted.userData, 'library')
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#08f' } })
      .png()
      .toBuffer()
    await writeFile(join(library, 'images', 'a b.png'), png)
    const response = await protocol.fetch('atelier-media://library/images/a%20b.png')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    for (const [name, value] of Object.entries(MEDIA_HEADERS)) expect(response.headers.get(name)).toBe(value)
    expect(Buffer.from(await response.arrayBuffer())).toEqual(png)
  })

  it('serves a grid thumbnail not made yet as its thumbnail, uncached, then the one made for the grid', async () => {
    booted = await bootShell()
    const library = join(booted.userData, 'library')
    const thumb = await sharp({ create: { width: 512, height: 512, channels: 3, background: '#f80' } })
      .webp()
      .toBuffer()
    await writeFile(join(library, 'thumbs', 'g1.webp'), thumb)
    const first = await protocol.fetch('atelier-media://library/thumbs/grid/g1.webp')
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('no-store')
    expect(Buffer.from(await first.arrayBuffer())).toEqual(thumb)
    await gridThumbsSettled()
    const made = await protocol.fetch('atelier-media://library/thumbs/grid/g1.webp')
    expect(made.headers.get('cache-control')).toBeNull()
    expect(made.headers.get('content-type')).toBe('image/webp')
    const size = await sharp(Buffer.from(await made.arrayBuffer())).metadata()
    expect([size.width, size.height]).toEqual([256, 256])
  })

  it('answers 400 to a malformed escape and 404 to links, pages, folders and files outside the media folders', async () => {
    booted = await bootShell()
    const library = join(booted.userData, 'library')
    await writeFile(
      join(library, 'refs', 'page.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
    )
    await writeFile(join(library, 'refs', 'page.html'), '<script>1</script>')
    await symlink(join(library, 'library.db'), join(library, 'refs', 'db.png'))
    await mkdir(join(library, 'images', 'folder.png'))
    expect((await protocol.fetch('atelier-media://library/images/%E0%A4%A.png')).status).toBe(400)
    for (const path of [
      'refs/page.svg',
      'refs/page.html',
      'refs/db.png',
      'images/folder.png',
      'library.db',
      'settings.json',
    ]) {
      expect((await protocol.fetch(`atelier-media://library/${path}`)).status, path).toBe(404)
    }
    expect((await protocol.fetch('atelier-media://library/images/x.png', { method: 'POST' })).status).toBe(404)
  })
})

describe('the window’s web preferences (security checklist 2–4, 6, 8–10)', () => {
  it('turns off insecure content and Node in subframes, and enables no experimental or Blink features', async () => {
    booted = await bootShell()
    const prefs = booted.window.options.webPreferences!
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    for (const risky of ['experimentalFeatures', 'enableBlinkFeatures', 'nodeIntegrationInWorker'] as const) {
      expect(prefs[risky], risky).toBeUndefined()
    }
  })
})

describe('the safeStorage cipher', () => {
  it('reports shouldReEncrypt from decryptStringAsync', async () => {
    const original = safeStorage.decryptStringAsync
    try {
      safeStorage.decryptStringAsync = async (cipher: Buffer) => ({
        shouldReEncrypt: true,
        result: cipher.toString().replace(/^enc:/, ''),
      })
      const sealed = await safeStorageCipher.encrypt('rb_key_1234')
      expect(await safeStorageCipher.decryptChecked!(sealed)).toEqual({ plain: 'rb_key_1234', shouldReEncrypt: true })
      safeStorage.decryptStringAsync = original
      expect(await safeStorageCipher.decryptChecked!(sealed)).toEqual({ plain: 'rb_key_1234', shouldReEncrypt: false })
    } finally {
      safeStorage.decryptStringAsync = original
    }
  })
})
