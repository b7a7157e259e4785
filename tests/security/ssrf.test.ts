/**
 * Finding 3 — server-side request forgery through reference links. A page can
 * ask the core to fetch any link (`reference.prepare`); the core must never
 * fetch from loopback, private or link-local addresses, must re-check every
 * redirect hop, must connect to the address it checked, and must answer every
 * failure before a body with the same words (so links cannot map local ports).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { prepareReferenceUrl } from '../../electron/core/references'
import { ReferenceRefusedError } from '../../electron/core/references/errors'
import { MAX_REDIRECTS } from '../../electron/core/references/fetchLimited'
import { isPublicAddress } from '../../electron/core/security/publicAddress'
import { startServer, startTestCore, testPng, type CountingServer, type TestCore } from './support/world'

const UNREACHABLE = "The link couldn't be reached. Download the image and drop the file into Atelier instead."
const LOOPBACK_ALLOWANCE = { reachableAddresses: ['127.0.0.1'] }

let png: Buffer
let pictures: CountingServer
/** A "local service" the attacker wants to reach: 127.0.0.2 is loopback too, and not in the test allowance. */
let internal: CountingServer

beforeAll(async () => {
  png = await testPng()
  internal = await startServer('127.0.0.2', (_request, response) => {
    // What the attack read back: an image served as text/plain by a local service.
    response.writeHead(200, { 'content-type': 'text/plain' }).end(png)
  })
  pictures = await startServer('127.0.0.1', (request, response) => {
    const url = new URL(request.url ?? '/', 'http://x')
    if (url.pathname === '/cat.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(png)
    if (url.pathname === '/to')
      return void response.writeHead(302, { location: url.searchParams.get('target') ?? '/' }).end()
    if (url.pathname.startsWith('/hop/')) {
      const left = Number(url.pathname.slice('/hop/'.length))
      return void response.writeHead(302, { location: left > 0 ? `/hop/${left - 1}` : '/cat.png' }).end()
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('no')
  })
})

afterAll(async () => {
  await pictures.close()
  await internal.close()
})

async function prepareThroughCore(core: TestCore, url: string) {
  return core.core.router.dispatch('reference.prepare', { source: { kind: 'url', url } })
}

describe('the address rule', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '240.0.0.1',
    '192.0.2.1',
    '::',
    '::1',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
    '2001::1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false)
  })

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e'])(
    'accepts the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true)
    },
  )

  it('lets a test allowance through only the exact address it names', () => {
    expect(isPublicAddress('127.0.0.1', LOOPBACK_ALLOWANCE)).toBe(true)
    expect(isPublicAddress('127.0.0.2', LOOPBACK_ALLOWANCE)).toBe(false)
    expect(isPublicAddress('::ffff:127.0.0.1', LOOPBACK_ALLOWANCE)).toBe(false)
    expect(isPublicAddress('::1', LOOPBACK_ALLOWANCE)).toBe(false)
  })
})

describe('reference.prepare on the real core, as the app runs (no allowance)', () => {
  let world: TestCore
  beforeAll(async () => {
    world = await startTestCore()
  })
  afterAll(async () => {
    await world.close()
  })

  it.each([
    (s: CountingServer) => `${s.base}/cat.png`,
    (s: CountingServer) => `http://localhost:${s.port}/cat.png`,
    (s: CountingServer) => `http://[::ffff:127.0.0.1]:${s.port}/cat.png`,
    (s: CountingServer) => `http://2130706433:${s.port}/cat.png`,
    (s: CountingServer) => `http://0x7f.1:${s.port}/cat.png`,
    (s: CountingServer) => `http://0.0.0.0:${s.port}/cat.png`,
    () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    () => 'http://10.0.0.1/cat.png',
    () => 'http://100.64.0.1/cat.png',
    () => 'https://[fd00::1]/cat.png',
    () => 'http://[fe80::1]/cat.png',
  ])('refuses a loopback or private link (%#) without connecting, in the one generic sentence', async (link) => {
    const before = pictures.visits.length
    const reply = await prepareThroughCore(world, link(pictures))
    expect(reply).toEqual({
      ok: false,
      error: { code: 'REFERENCE_URL_UNREACHABLE', message: UNREACHABLE, data: { reason: 'unreachable' } },
    })
    expect(pictures.visits.length).toBe(before)
  })

  it('answers a closed port, a refused address and an HTTP error in exactly the same words', async () => {
    const allowed = await startTestCore({ testNetworkAllowance: LOOPBACK_ALLOWANCE })
    try {
      const closed = await startServer('127.0.0.1', () => {})
      const closedUrl = `${closed.base}/a.png`
      await closed.close()
      const replies = await Promise.all([
        prepareThroughCore(allowed, closedUrl),
        prepareThroughCore(allowed, `${pictures.base}/missing.png`),
        prepareThroughCore(allowed, `${internal.base}/cat.png`),
      ])
      for (const reply of replies) expect(reply).toEqual(replies[0])
      expect(replies[0]).toMatchObject({ ok: false, error: { message: UNREACHABLE } })
    } finally {
      await allowed.close()
    }
  })
})

describe('redirects and pinning (the test servers on 127.0.0.1 let through)', () => {
  let world: TestCore
  beforeAll(async () => {
    world = await startTestCore({ testNetworkAllowance: LOOPBACK_ALLOWANCE })
  })
  afterAll(async () => {
    await world.close()
  })

  it('still turns a reachable image link into a reference (the legitimate path)', async () => {
    const reply = await prepareThroughCore(world, `${pictures.base}/cat.png`)
    expect(reply).toMatchObject({
      ok: true,
      data: { kind: 'url', url: `${pictures.base}/cat.png`, width: 64, height: 48, mime: 'image/png' },
    })
  })

  it(`follows up to ${MAX_REDIRECTS} redirects, and refuses a longer chain`, async () => {
    await expect(prepareThroughCore(world, `${pictures.base}/hop/${MAX_REDIRECTS - 2}`)).resolves.toMatchObject({
      ok: true,
    })
    const reply = await prepareThroughCore(world, `${pictures.base}/hop/${MAX_REDIRECTS + 3}`)
    expect(reply).toMatchObject({ ok: false, error: { code: 'REFERENCE_URL_UNREACHABLE', message: UNREACHABLE } })
  })

  it.each([
    (target: CountingServer) => `${target.base}/secret.png`,
    (target: CountingServer) => `http://[::ffff:127.0.0.2]:${target.port}/secret.png`,
    () => 'http://169.254.169.254/latest/meta-data/',
    () => 'file:///etc/passwd',
  ])('re-checks every hop: a redirect to a non-public address (%#) is refused and never fetched', async (target) => {
    const link = `${pictures.base}/to?target=${encodeURIComponent(target(internal))}`
    const reply = await prepareThroughCore(world, link)
    expect(reply).toEqual({
      ok: false,
      error: { code: 'REFERENCE_URL_UNREACHABLE', message: UNREACHABLE, data: { reason: 'unreachable' } },
    })
    expect(internal.visits).not.toContain('/secret.png')
  })

  it('connects to the address it checked: a name is resolved once per hop and that answer is used', async () => {
    const lookups: string[] = []
    const reference = await prepareReferenceUrl(`http://pictures.example.test:${pictures.port}/cat.png`, {
      refsDir: join(world.dataDir, 'refs'),
      allowance: LOOPBACK_ALLOWANCE,
      resolveHost: async (hostname) => {
        lookups.push(hostname)
        // A rebinding resolver: the first answer passes the check, later ones point elsewhere.
        return lookups.length === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '127.0.0.2', family: 4 }]
      },
    })
    expect(reference.width).toBe(64)
    expect(lookups).toEqual(['pictures.example.test'])
  })

  it('refuses a name when any of its addresses is not public', async () => {
    const error = await prepareReferenceUrl(`http://mixed.example.test:${pictures.port}/cat.png`, {
      refsDir: join(world.dataDir, 'refs'),
      allowance: LOOPBACK_ALLOWANCE,
      resolveHost: async () => [
        { address: '127.0.0.1', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ReferenceRefusedError)
    expect((error as ReferenceRefusedError).message).toBe(UNREACHABLE)
  })
})

describe('the allowance is test-only', () => {
  it('no production entry point passes it', async () => {
    const { readFile } = await import('node:fs/promises')
    const root = join(import.meta.dirname, '../..')
    for (const file of ['electron/main/index.ts', 'scripts/browser.ts']) {
      expect(await readFile(join(root, file), 'utf8')).not.toContain('testNetworkAllowance')
    }
  })
})
