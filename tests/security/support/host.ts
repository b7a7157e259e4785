/**
 * The real browser-mode host on a temp library, with a minimal renderer page,
 * and the clients an attacker would use: plain HTTP with any Host header, a
 * WebSocket, and a raw TCP socket that can write frames no library would.
 */
import { request as httpRequest } from 'node:http'
import { connect, type LookupFunction, type Socket } from 'node:net'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import WebSocket from 'ws'
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from '../../../electron/host/browserHost'
import { createSilentLogger } from '../../../electron/core/logging/createLogger'

export interface TestHost {
  host: BrowserHost
  dataDir: string
  /** `<random>.atelier.localhost:<port>`: what a browser sends as Host. */
  hostHeader: string
  close(): Promise<void>
}

export async function startTestHost(extra: Partial<BrowserHostOptions> = {}): Promise<TestHost> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-host-'))
  const rendererDir = join(dataDir, 'renderer')
  await mkdir(rendererDir)
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><body><script type="module" src="./app.js"></script></body></html>',
  )
  await writeFile(join(rendererDir, 'app.js'), 'console.log("app")')
  const host = await startBrowserHost({
    dataDir: join(dataDir, 'library'),
    rendererDir,
    logger: createSilentLogger(),
    appVersion: 'security-test',
    ...extra,
  })
  return {
    host,
    dataDir: join(dataDir, 'library'),
    hostHeader: new URL(host.origin).host,
    async close() {
      await host.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * One host for the whole test file, signed in: started before its tests and
 * closed after them. Tests read `.world` and `.cookie` of what it returns.
 */
export function signedInHostPerFile(): { world: TestHost; cookie: string } {
  const session = {} as { world: TestHost; cookie: string }
  beforeAll(async () => {
    session.world = await startTestHost()
    session.cookie = await signIn(session.world)
  })
  afterAll(async () => {
    await session.world.close()
  })
  return session
}

export interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** A GET to the host's loopback port with whatever Host and Cookie the caller chooses. */
export function get(port: number, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      )
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

/** Exchanges the printed token for a session cookie, as the browser does on first visit. */
export async function signIn(test: TestHost): Promise<string> {
  const url = new URL(test.host.url)
  const answer = await get(test.host.port, url.pathname + url.search, { host: test.hostHeader })
  const setCookie = answer.headers['set-cookie']?.[0] ?? ''
  const pair = setCookie.split(';')[0] ?? ''
  if (answer.status !== 303 || !pair.startsWith('atelier_session='))
    throw new Error(`sign-in failed: ${answer.status} ${setCookie}`)
  return pair
}

/** Resolves any name to 127.0.0.1, as a browser does for *.localhost (Node's resolver here does not). */
export const loopbackLookup: LookupFunction = (_hostname, options, callback) => {
  if ((options as { all?: boolean }).all)
    (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: '127.0.0.1', family: 4 },
    ])
  else callback(null, '127.0.0.1', 4)
}

export function openSocket(test: TestHost, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${test.hostHeader}/ipc`, {
      headers: { Origin: test.host.origin, Cookie: cookie },
      lookup: loopbackLookup,
    })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

/** A WebSocket client frame, masked as clients must (a zero mask: the payload goes as is). */
export function frame(
  opcode: number,
  payload: Buffer,
  options: { declaredLength?: number; masked?: boolean } = {},
): Buffer {
  const length = options.declaredLength ?? payload.length
  const masked = options.masked ?? true
  let head: Buffer
  if (length < 126) head = Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | length])
  else if (length < 65536) {
    head = Buffer.alloc(4)
    head[0] = 0x80 | opcode
    head[1] = (masked ? 0x80 : 0) | 126
    head.writeUInt16BE(length, 2)
  } else {
    head = Buffer.alloc(10)
    head[0] = 0x80 | opcode
    head[1] = (masked ? 0x80 : 0) | 127
    head.writeBigUInt64BE(BigInt(length), 2)
  }
  return Buffer.concat([head, masked ? Buffer.alloc(4) : Buffer.alloc(0), payload])
}

export interface RawSocket {
  socket: Socket
  /** The close code the server sent (as soon as its close frame arrives), or null when it just hung up. */
  closed: Promise<number | null>
}

/** Upgrades a raw TCP connection by hand, so the test can then write any bytes at all. */
export function openRawSocket(test: TestHost, cookie: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(test.host.port, '127.0.0.1')
    let buffered = Buffer.alloc(0)
    let upgraded = false
    let onClose: (code: number | null) => void = () => {}
    const closed = new Promise<number | null>((done) => (onClose = done))
    socket.once('close', () => onClose(null))
    socket.on('error', () => {})
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk])
      if (!upgraded) {
        const end = buffered.indexOf('\r\n\r\n')
        if (end < 0) return
        if (!buffered.subarray(0, end).toString().startsWith('HTTP/1.1 101'))
          return reject(new Error(buffered.toString()))
        upgraded = true
        buffered = buffered.subarray(end + 4)
        resolve({ socket, closed: closed.finally(() => socket.destroy()) })
      }
      // Server frames (unmasked): find the close frame (opcode 8) and read its code.
      for (;;) {
        if (buffered.length < 2) break
        const opcode = buffered[0]! & 0x0f
        let length = buffered[1]! & 0x7f
        let offset = 2
        if (length === 126) {
          if (buffered.length < 4) break
          length = buffered.readUInt16BE(2)
          offset = 4
        } else if (length === 127) {
          if (buffered.length < 10) break
          length = Number(buffered.readBigUInt64BE(2))
          offset = 10
        }
        if (buffered.length < offset + length) break
        if (opcode === 8 && length >= 2) onClose(buffered.readUInt16BE(offset))
        buffered = buffered.subarray(offset + length)
      }
    })
    socket.write(
      [
        'GET /ipc HTTP/1.1',
        `Host: ${test.hostHeader}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        `Origin: ${test.host.origin}`,
        `Cookie: ${cookie}`,
        '',
        '',
      ].join('\r\n'),
    )
  })
}

/** Sends one request over the socket and waits for its reply. */
export function ask(ws: WebSocket, id: number, name: string, input: unknown = {}): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { type: string; id: unknown; result: unknown }
      if (message.type === 'reply' && message.id === id) {
        ws.off('message', onMessage)
        resolve(message.result)
      }
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ type: 'request', id, name, input }))
  })
}
