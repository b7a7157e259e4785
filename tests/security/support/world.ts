/**
 * A real core on a temp library folder (browser mode's ports: settings in a
 * JSON file, no keychain), and small HTTP servers on loopback addresses that
 * count their visitors, so a test can show an attack never reached its target.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { createCore, type Core, type CoreOptions } from '../../../electron/core/createCore'
import { createSilentLogger } from '../../../electron/core/logging/createLogger'
import { systemClock, type CorePorts } from '../../../electron/core/ports'
import { createFileStore, unavailableCipher } from '../../../electron/host/nodePorts'

export interface TestCore {
  core: Core
  dataDir: string
  close(): Promise<void>
}

export async function startTestCore(options: CoreOptions = {}, extra: Partial<CorePorts> = {}): Promise<TestCore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-security-'))
  const core = await createCore(
    {
      dataDir,
      logger: createSilentLogger(),
      cipher: unavailableCipher,
      events: { emit: () => {} },
      notifier: { notify: () => {} },
      clock: systemClock,
      store: createFileStore(dataDir).store,
      appVersion: 'security-test',
      platform: process.platform,
      transport: 'browser',
      ...extra,
    },
    options,
  )
  return {
    core,
    dataDir,
    async close() {
      await core.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export interface CountingServer {
  /** http://<address>:<port> */
  base: string
  port: number
  /** Every path requested, in order. */
  visits: string[]
  close(): Promise<void>
}

export async function startServer(
  address: string,
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<CountingServer> {
  const visits: string[] = []
  const server: Server = createServer((request, response) => {
    visits.push(request.url ?? '/')
    handler(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, address, resolve))
  const { port } = server.address() as AddressInfo
  return {
    base: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    visits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export async function testPng(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .png()
    .toBuffer()
}
