/**
 * `npm start` where no Electron binary can be obtained: it starts browser mode,
 * says so in one line, prints the URL, and that URL serves Atelier.
 */
import { afterEach, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { request as httpRequest } from 'node:http'
import type { LookupFunction } from 'node:net'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')

/** Browsers resolve *.localhost to loopback themselves; Node's resolver here does not, so the test does it. */
const loopback: LookupFunction = (_hostname, options, callback) => {
  if ((options as { all?: boolean }).all)
    (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ])
  else callback(null, '127.0.0.1', 4)
}

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function get(url: string | URL, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((done, fail) => {
    httpRequest(url, { lookup: loopback, headers }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, body }))
    })
      .on('error', fail)
      .end()
  })
}
let child: ChildProcess | null = null
let dataDir = ''

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  child = null
  await rm(dataDir, { recursive: true, force: true })
})

it(
  'falls back to browser mode, prints one line and the URL, and serves the app there',
  { timeout: 90_000 },
  async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-start-'))
    child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'no-electron-here'),
        ATELIER_DATA_DIR: dataDir,
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const url = await new Promise<string>((resolveUrl, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /Open: (http:\/\/[0-9a-f]+\.atelier\.localhost:\d+\/\?token=\S+)/.exec(output)
        if (match) resolveUrl(match[1]!)
      })
      child!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child!.once('exit', (code) => reject(new Error(`start.mjs exited (${code}) before printing a URL:\n${output}`)))
    })
    expect(output.split('\n').filter((line) => line.includes('starting browser mode instead'))).toHaveLength(1)
    // The printed address carries the session's token, exchanged for a cookie.
    const exchange = await get(url)
    const setCookie = exchange.headers['set-cookie']
    const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)?.split(';')[0]
    expect(cookie).toBeTruthy()
    const page = await get(new URL('/', url), { cookie: cookie! })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<div id="root">')
  },
)
