/**
 * `npm run browser` itself: the script prints a URL; opening it shows the studio.
 * Also checks the host's guards: no token, no page; a foreign Origin, no socket.
 */
import { test, expect } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSimulator } from '../../electron/core/simulator'
import type { Simulator } from '../../electron/core/simulator/types'
import { request as httpRequest } from 'node:http'
import type { LookupFunction } from 'node:net'
import WebSocket from 'ws'
import { startBrowserProcess, type BrowserProcess } from './support/browserProcess'

/** Browsers resolve *.localhost to loopback themselves; Node's resolver here does not, so the test does it. */
const loopback: LookupFunction = (_hostname, options, callback) => {
  if ((options as { all?: boolean }).all)
    (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ])
  else callback(null, '127.0.0.1', 4)
}

function statusOf(url: string): Promise<number> {
  return new Promise((done, fail) => {
    httpRequest(url, { lookup: loopback }, (response) => {
      response.resume()
      done(response.statusCode ?? 0)
    })
      .on('error', fail)
      .end()
  })
}

function socketOpens(url: string, headers: Record<string, string>): Promise<boolean> {
  return new Promise((done) => {
    const ws = new WebSocket(url, { headers, lookup: loopback })
    ws.once('open', () => {
      ws.close()
      done(true)
    })
    ws.once('error', () => done(false))
  })
}

let app: BrowserProcess | null = null
let simulator: Simulator | null = null
let dataDir = ''

test.afterEach(async () => {
  await app?.kill()
  await simulator?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

test('npm run browser prints a URL that opens the studio, and refuses strangers', async ({ page }) => {
  simulator = await createSimulator({ pendingMs: 500, processingMs: 500 })
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-script-'))
  app = await startBrowserProcess({
    ATELIER_DATA_DIR: dataDir,
    ATELIER_API_BASE_URL: simulator.url,
    ATELIER_API_KEY: 'sim-key',
  })
  const url = app.url

  // Its own random host name: a cookie for it reaches no other service on 127.0.0.1.
  expect(url).toMatch(/^http:\/\/[0-9a-f]{16}\.atelier\.localhost:\d+\/\?token=/)
  const origin = new URL(url).origin
  expect(await statusOf(origin + '/')).toBe(403)
  expect(await statusOf(origin + '/media/images/x.png')).toBe(403)

  await page.goto(url)
  await expect(page.getByRole('textbox', { name: 'Prompt' })).toBeVisible()
  expect(page.url()).not.toContain('token=')

  // The socket needs the session cookie AND our own Origin: another web page on this machine gets nothing.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
  const wsUrl = origin.replace('http', 'ws') + '/ipc'
  expect(await socketOpens(wsUrl, { Origin: origin, Cookie: cookie })).toBe(true)
  expect(await socketOpens(wsUrl, { Origin: 'http://evil.example', Cookie: cookie })).toBe(false)
  expect(await socketOpens(wsUrl, { Origin: origin })).toBe(false)
})
