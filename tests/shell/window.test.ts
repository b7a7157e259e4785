/**
 * The window and its page through the stand-in: security settings, the app://
 * scheme serving the renderer with its CSP (and refusing what it must), media,
 * IPC with the sender check, navigation, and the development variables being
 * ignored by a packaged build.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/appProtocol'
import { app, protocol, recorded, StandInWebContents } from './standIn/electron'
import { bootShell, stopBootedShells, type BootedShell } from './support/bootShell'

let booted: BootedShell | null = null
afterEach(stopBootedShells)

describe('the main window', () => {
  it('is sandboxed, isolated, Node-free, and loads app://atelier (never a file)', async () => {
    booted = await bootShell()
    const prefs = booted.window.options.webPreferences!
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: true,
    })
    expect(prefs.preload).toBe(join(booted.root, 'out', 'preload', 'index.cjs'))
    expect(booted.window.webContents.loaded).toEqual(['app://atelier/index.html'])
    expect(booted.window.webContents.loaded.some((url) => url.startsWith('file:'))).toBe(false)
  })

  it('registers app:// and atelier-media:// as privileged before ready', async () => {
    booted = await bootShell()
    const app = recorded.schemes.find((s) => s.scheme === 'app')
    expect(app?.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true })
    expect(recorded.schemes.find((s) => s.scheme === 'atelier-media')?.privileges).toMatchObject({
      standard: true,
      secure: true,
    })
  })

  it('serves the renderer with the CSP as a header, and nothing outside it', async () => {
    booted = await bootShell()
    const page = await protocol.fetch('app://atelier/index.html')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(await page.text()).toContain('<title>Atelier</title>')
    const script = await protocol.fetch('app://atelier/assets/app.js')
    expect(script.headers.get('content-type')).toContain('text/javascript')
    expect((await protocol.fetch('app://atelier/')).status).toBe(200)
    // Escapes, other hosts and missing files are refused.
    expect((await protocol.fetch('app://atelier/..%2F..%2Fsecret.txt')).status).toBe(404)
    expect((await protocol.fetch('app://atelier/%2e%2e/%2e%2e/secret.txt')).status).toBe(404)
    expect((await protocol.fetch('app://elsewhere/index.html')).status).toBe(404)
    expect((await protocol.fetch('app://atelier/missing.js')).status).toBe(404)
  })

  it('serves library media only from the media folders', async () => {
    booted = await bootShell()
    expect((await protocol.fetch('atelier-media://library/images/none.png')).status).toBe(404)
    expect((await protocol.fetch('atelier-media://library/../secret.txt')).status).toBe(404)
    expect((await protocol.fetch('atelier-media://library/library.sqlite')).status).toBe(404)
    expect((await protocol.fetch('atelier-media://other/images/x.png')).status).toBe(404)
  })

  it('answers our page over IPC and refuses iframes, other windows and other origins', async () => {
    booted = await bootShell()
    booted.window.webContents.mainFrame.url = 'app://atelier/index.html'
    const info = (await booted.request('app.info')) as { ok: boolean; data: { transport: string } }
    expect(info).toMatchObject({ ok: true, data: { transport: 'electron' } })
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } }
    expect(
      await booted.request('app.info', {}, { frame: { url: 'app://atelier/index.html', parent: {} } }),
    ).toMatchObject(forbidden)
    expect(await booted.request('app.info', {}, { sender: new StandInWebContents() })).toMatchObject(forbidden)
    expect(await booted.request('app.info', {}, { frame: { url: 'file:///tmp/x.html', parent: null } })).toMatchObject(
      forbidden,
    )
    expect(
      await booted.request('app.info', {}, { frame: { url: 'https://evil.example/', parent: null } }),
    ).toMatchObject(forbidden)
    expect(await booted.request('no.such.command')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
  })

  it('stays on its origin: navigation, redirects and new windows are refused; https links go to the browser', async () => {
    booted = await bootShell()
    const contents = booted.window.webContents
    expect(contents.tryNavigate('app://atelier/index.html#/library')).toBe(false)
    expect(contents.tryNavigate('https://evil.example/')).toBe(true)
    expect(contents.tryNavigate('file:///etc/passwd')).toBe(true)
    expect(contents.tryNavigate('app://atelier.evil/', 'will-redirect')).toBe(true)
    const open = contents.windowOpenHandler!
    expect(open({ url: 'https://platform.runblob.io/docs' } as never)).toEqual({ action: 'deny' })
    expect(open({ url: 'file:///etc/passwd' } as never)).toEqual({ action: 'deny' })
    expect(recorded.shell).toEqual([{ call: 'openExternal', target: 'https://platform.runblob.io/docs' }])
  })

  it('grants no permission but clipboard writing to our page, and attaches no webview', async () => {
    booted = await bootShell()
    const ours = { getURL: () => 'app://atelier/index.html' }
    const other = { getURL: () => 'https://evil.example/' }
    const ask = (contents: object, permission: string) => {
      let granted: boolean | null = null
      recorded.permissionRequestHandler!(contents as never, permission as never, (ok) => (granted = ok), {} as never)
      return granted
    }
    expect(ask(ours, 'media')).toBe(false)
    expect(ask(ours, 'geolocation')).toBe(false)
    expect(ask(ours, 'clipboard-sanitized-write')).toBe(true)
    expect(ask(other, 'clipboard-sanitized-write')).toBe(false)
    expect(recorded.permissionCheckHandler!({} as never, 'geolocation', 'app://atelier', {} as never)).toBe(false)
    expect(
      recorded.permissionCheckHandler!({} as never, 'clipboard-sanitized-write', 'app://atelier', {} as never),
    ).toBe(true)
    const created = new StandInWebContents()
    app.emit('web-contents-created', {}, created)
    let prevented = false
    created.emit('will-attach-webview', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    expect(created.tryNavigate('https://evil.example/')).toBe(true)
  })

  it('keeps crash dumps local: the reporter never uploads', async () => {
    booted = await bootShell()
    expect(recorded.crashReporter).toMatchObject({ uploadToServer: false })
  })
})

describe('development variables', () => {
  const env = {
    ELECTRON_RENDERER_URL: 'http://localhost:5173/',
    ATELIER_API_BASE_URL: 'http://127.0.0.1:9/',
    ATELIER_API_KEY: 'from-the-environment',
  }

  it('are honoured when running from source', async () => {
    let dataDir = ''
    booted = await bootShell({
      env,
      before: ({ root }) => {
        dataDir = join(root, 'from-env')
        Object.assign(env, { ATELIER_DATA_DIR: dataDir })
      },
    })
    expect(booted.window.webContents.loaded).toEqual(['http://localhost:5173/'])
    expect(existsSync(join(dataDir, 'library'))).toBe(true)
    const info = (await booted.request('app.info', {}, { frame: { url: 'http://localhost:5173/', parent: null } })) as {
      data: { apiBaseUrl: string; mode: string }
    }
    expect(info.data).toMatchObject({ mode: 'live', apiBaseUrl: 'http://127.0.0.1:9/' })
  })

  it('are ignored by a packaged build, which still takes --data-dir=', async () => {
    let switchDir = ''
    let envDir = ''
    booted = await bootShell({
      packaged: true,
      before: ({ root }) => {
        switchDir = join(root, 'chosen')
        envDir = join(root, 'from-env')
      },
      get env() {
        return { ...env, ATELIER_DATA_DIR: envDir }
      },
      get argv() {
        return ['Atelier', `--data-dir=${switchDir}`]
      },
    })
    expect(booted.window.webContents.loaded).toEqual(['app://atelier/index.html'])
    expect(existsSync(join(switchDir, 'library'))).toBe(true)
    expect(existsSync(envDir)).toBe(false)
    booted.window.webContents.mainFrame.url = 'app://atelier/index.html'
    const info = (await booted.request('app.info')) as { data: { mode: string } }
    expect(info.data.mode).toBe('demo')
    // A page from the dev server's origin is not ours in a packaged build.
    expect(
      await booted.request('app.info', {}, { frame: { url: 'http://localhost:5173/', parent: null } }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
