/**
 * Finding 4 — browser mode's session must not reach other services on this
 * machine (cookies are not port-scoped), and finding 6 — one malformed frame
 * must not bring the host down. Both against the real browser-mode host; the
 * cookie attack in a real Chromium.
 */
import { chromium } from '@playwright/test'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { HOST_SUFFIX, SESSION_TTL_MS } from '../../electron/host/browserHost'
import { MAX_MESSAGE_BYTES } from '../../electron/host/socketSession'
import { MAX_INPUT_BYTES } from '../../electron/core/references'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config'
import { ask, frame, get, openRawSocket, openSocket, signedInHostPerFile, signIn, startTestHost } from './support/host'

const signedIn = signedInHostPerFile()

describe('a host name of its own', () => {
  it('serves on a random *.atelier.localhost name, different every run', async () => {
    const other = await startTestHost()
    try {
      const pattern = new RegExp(`^http://[0-9a-f]{16}\\.${HOST_SUFFIX.replace('.', '\\.')}:\\d+$`)
      expect(signedIn.world.host.origin).toMatch(pattern)
      expect(other.host.origin).toMatch(pattern)
      expect(new URL(other.host.origin).hostname).not.toBe(new URL(signedIn.world.host.origin).hostname)
    } finally {
      await other.close()
    }
  })

  it('answers only to that exact Host, even with a valid session', async () => {
    const port = signedIn.world.host.port
    expect((await get(port, '/', { host: signedIn.world.hostHeader, cookie: signedIn.cookie })).status).toBe(200)
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `evil.${HOST_SUFFIX}:${port}`,
      signedIn.world.hostHeader.replace(/:\d+$/, ''),
      `x.${signedIn.world.hostHeader}`,
    ]) {
      expect((await get(port, '/', { host, cookie: signedIn.cookie })).status, host).toBe(421)
    }
  })

  it('sets a host-only, HttpOnly, SameSite=Strict session cookie that is not the printed token and lasts a working day', async () => {
    const url = new URL(signedIn.world.host.url)
    const answer = await get(signedIn.world.host.port, url.pathname + url.search, { host: signedIn.world.hostHeader })
    const setCookie = String(answer.headers['set-cookie']?.[0])
    expect(setCookie).toMatch(/^atelier_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=28800$/)
    expect(setCookie).not.toContain(url.searchParams.get('token')!)
    expect(setCookie.toLowerCase()).not.toContain('domain=')
    expect(SESSION_TTL_MS).toBe(28_800_000)
  })

  it('ends a session after SESSION_TTL_MS', async () => {
    let now = Date.parse('2026-01-01T09:00:00Z')
    const timed = await startTestHost({ clock: { now: () => now } })
    try {
      const session = await signIn(timed)
      expect((await get(timed.host.port, '/', { host: timed.hostHeader, cookie: session })).status).toBe(200)
      now += SESSION_TTL_MS - 1000
      expect((await get(timed.host.port, '/', { host: timed.hostHeader, cookie: session })).status).toBe(200)
      now += 2000
      expect((await get(timed.host.port, '/', { host: timed.hostHeader, cookie: session })).status).toBe(403)
      // Opening the printed address again starts a new one.
      expect((await get(timed.host.port, '/', { host: timed.hostHeader, cookie: await signIn(timed) })).status).toBe(
        200,
      )
    } finally {
      await timed.close()
    }
  })

  it('closes a socket whose session has ended', async () => {
    let now = Date.parse('2026-01-01T09:00:00Z')
    const timed = await startTestHost({ clock: { now: () => now } })
    try {
      const ws = await openSocket(timed, await signIn(timed))
      await expect(ask(ws, 1, 'app.info')).resolves.toMatchObject({ ok: true })
      now += SESSION_TTL_MS + 1
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
      ws.send(JSON.stringify({ type: 'request', id: 2, name: 'app.info', input: {} }))
      expect(await closed).toBe(1008)
    } finally {
      await timed.close()
    }
  })

  it('in a real browser, the session cookie does not reach another service on 127.0.0.1 or localhost', async () => {
    const seen: string[] = []
    const other = createServer((request, response) => {
      seen.push(`${request.url} ${request.headers.cookie ?? '(no cookie)'}`)
      response.writeHead(200, { 'content-type': 'text/html' }).end('<p>another local service</p>')
    })
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    const otherPort = (other.address() as AddressInfo).port
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    try {
      const page = await browser.newPage()
      await page.goto(signedIn.world.host.url)
      const cookies = await page.context().cookies()
      expect(cookies.map((c) => [c.name, c.domain, c.httpOnly, c.sameSite])).toEqual([
        ['atelier_session', new URL(signedIn.world.host.origin).hostname, true, 'Strict'],
      ])
      await page.goto(`http://127.0.0.1:${otherPort}/`)
      await page.goto(`http://localhost:${otherPort}/`)
      expect(seen.filter((line) => line.startsWith('/ '))).toEqual(['/ (no cookie)', '/ (no cookie)'])
      expect(seen.join()).not.toContain('atelier_session')
    } finally {
      await browser.close()
      other.closeAllConnections()
      await new Promise((resolve) => other.close(resolve))
    }
  })
})

describe('the WebSocket survives what a hostile page or process can send', () => {
  it('caps a message at one reference file, base64, plus an envelope', () => {
    expect(MAX_MESSAGE_BYTES).toBeGreaterThanOrEqual((MAX_INPUT_BYTES * 4) / 3)
    expect(MAX_MESSAGE_BYTES).toBeLessThan((MAX_INPUT_BYTES * 4) / 3 + 2 * 1024 * 1024)
  })

  it.each([
    ['invalid UTF-8 in a text frame', frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 1007],
    ['a header claiming 1 GiB', frame(0x1, Buffer.alloc(0), { declaredLength: 1024 ** 3 }), 1009],
    [
      'a header claiming one byte over the cap',
      frame(0x1, Buffer.alloc(0), { declaredLength: MAX_MESSAGE_BYTES + 1 }),
      1009,
    ],
    ['a binary frame', frame(0x2, Buffer.from([1, 2, 3])), 1003],
    ['an unmasked client frame', frame(0x1, Buffer.from('{}'), { masked: false }), 1002],
    ['a reserved opcode', frame(0x3, Buffer.from('x')), 1002],
  ])('closes the socket cleanly on %s, and keeps serving', async (_label, bytes, code) => {
    const raw = await openRawSocket(signedIn.world, signedIn.cookie)
    raw.socket.write(bytes)
    expect(await raw.closed).toBe(code)

    const ws = await openSocket(signedIn.world, signedIn.cookie)
    await expect(ask(ws, 1, 'app.info')).resolves.toMatchObject({ ok: true, data: { transport: 'browser' } })
    ws.close()
  })

  it('refuses the socket to a stranger: no session, a foreign Origin, or the wrong Host', async () => {
    const attempts = [
      { Origin: signedIn.world.host.origin },
      { Origin: 'http://evil.example', Cookie: signedIn.cookie },
      { Origin: `http://127.0.0.1:${signedIn.world.host.port}`, Cookie: signedIn.cookie },
    ]
    for (const headers of attempts) {
      const answer = await get(signedIn.world.host.port, '/ipc', {
        host: signedIn.world.hostHeader,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-version': '13',
        ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
      })
      expect(answer.status).toBe(403)
    }
  })
})
