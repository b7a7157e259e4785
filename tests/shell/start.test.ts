/**
 * `npm start` where no Electron binary can be obtained: it starts browser mode,
 * says so in one line, prints the URL, and that URL serves Atelier.
 */
import { afterEach, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')
let child: ChildProcess | null = null
let dataDir = ''

/** A GET to the printed address: its `*.atelier.localhost` name is loopback, as a browser resolves it (Node's resolver does not). */
function get(url: URL, cookie?: string): Promise<{ status: number; setCookie: string | undefined; body: string }> {
  return new Promise((resolveAnswer, reject) => {
    const headers: Record<string, string> = { Host: url.host, ...(cookie ? { Cookie: cookie } : {}) }
    const outgoing = request({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, headers }, (answer) => {
      let body = ''
      answer.on('data', (chunk: Buffer) => (body += chunk.toString()))
      answer.on('end', () => resolveAnswer({ status: answer.statusCode ?? 0, setCookie: answer.headers['set-cookie']?.[0], body }))
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  child = null
  await rm(dataDir, { recursive: true, force: true })
})

it('falls back to browser mode, prints one line and the URL, and serves the app there', { timeout: 90_000 }, async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'atelier-start-'))
  child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'no-electron-here'), ATELIER_DATA_DIR: dataDir, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    child!.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Open: (http:\/\/[0-9a-f]+\.atelier\.localhost:\d+\/?\S*)/.exec(output)
      if (match) resolveUrl(match[1]!)
    })
    child!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child!.once('exit', (code) => reject(new Error(`start.mjs exited (${code}) before printing a URL:\n${output}`)))
  })
  expect(output.split('\n').filter((line) => line.includes('starting browser mode instead'))).toHaveLength(1)
  // The printed address carries the session's token, exchanged for a cookie.
  const exchange = await get(new URL(url))
  const cookie = exchange.setCookie?.split(';')[0]
  expect(cookie).toBeTruthy()
  const page = await get(new URL('/', url), cookie)
  expect(page.status).toBe(200)
  expect(page.body).toContain('<div id="root">')
})
