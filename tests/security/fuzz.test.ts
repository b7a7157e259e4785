/**
 * Fuzzing the two doors a page (or any local process) can knock on: the
 * router, and browser mode's WebSocket. Thousands of malformed messages —
 * random JSON, wrong types, huge strings, `__proto__`/`constructor` keys,
 * invalid `$bytes`, deep nesting, random frames — from a seeded generator, so
 * a failure replays. Every message gets a clean answer (a Result, never
 * INTERNAL), nothing is polluted, and the host keeps serving.
 */
import { describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { commands } from '../../shared/contract'
import { ResultEnvelope } from '../../shared/result'
import { ask, frame, openRawSocket, openSocket, signedInHostPerFile } from './support/host'
import { mulberry32 } from '../../electron/core/simulator/dice'

/** mulberry32: a tiny seeded generator (the seed is printed in each test name). */
function generator(seed: number) {
  const next = mulberry32(seed)
  const int = (max: number) => Math.floor(next() * max)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!
  return { next, int, pick }
}
type Random = ReturnType<typeof generator>

const NAMES = Object.keys(commands)
// Keys a hostile payload would try; no 'source' or 'key' (those would send the fuzz to the network or the file system).
const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '$bytes',
  'id',
  'ids',
  'type',
  'name',
  'input',
  'draft',
  'view',
  'variations',
  'favorite',
  'purpose',
  'prompt',
  'query',
  'limit',
  'cursor',
]

function randomString(random: Random): string {
  const length = random.next() < 0.02 ? 200_000 + random.int(300_000) : random.int(40)
  const alphabet = [
    'a',
    'Z',
    '0',
    ' ',
    '/',
    '..',
    '%',
    '\\',
    '\u0000',
    '\u202e',
    '\ud83d\ude00',
    '\ud800',
    '"',
    '<script>',
    'images/',
  ]
  let text = ''
  while (text.length < length) text += random.pick(alphabet)
  return text
}

function randomValue(random: Random, depth = 0): unknown {
  const roll = random.int(depth > 3 ? 6 : 9)
  switch (roll) {
    case 0:
      return null
    case 1:
      return random.next() < 0.5
    case 2:
      return random.pick([0, -1, 1.5, 2 ** 53 + 1, -0, 1e308, Number.MAX_SAFE_INTEGER])
    case 3:
    case 4:
      return randomString(random)
    case 5:
      return random.pick(NAMES)
    case 6:
      return Array.from({ length: random.int(5) }, () => randomValue(random, depth + 1))
    default: {
      const record: Record<string, unknown> = {}
      for (let i = random.int(5); i > 0; i--) {
        Object.defineProperty(record, random.next() < 0.8 ? random.pick(KEYS) : randomString(random).slice(0, 20), {
          value: randomValue(random, depth + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        })
      }
      return record
    }
  }
}

/** A text frame's worth of hostile text. */
function randomMessage(random: Random, id: number): { text: string; id: number | null } {
  switch (random.int(7)) {
    case 0:
      return { text: randomString(random), id: null }
    case 1:
      return { text: JSON.stringify(randomValue(random)) ?? 'undefined', id: null }
    case 2:
      return {
        text: JSON.stringify({
          type: 'request',
          id: random.pick(['1', 1.5, -3, null, {}]),
          name: random.pick(NAMES),
          input: {},
        }),
        id: null,
      }
    case 3:
      return { text: `{"type":"request","id":${id},"name":"app.info","input":{"$bytes":"!!!not base64"}}`, id }
    case 4:
      return {
        text: `{"type":"request","id":${id},"__proto__":{"polluted":true},"name":"settings.get","input":{"constructor":{"prototype":{"polluted":true}}}}`,
        id,
      }
    case 5:
      return { text: '['.repeat(2000) + ']'.repeat(2000), id: null }
    default:
      return {
        text: JSON.stringify({
          type: 'request',
          id,
          name: random.next() < 0.7 ? random.pick(NAMES) : randomValue(random),
          input: randomValue(random),
        }),
        id,
      }
  }
}

function expectCleanAnswer(result: unknown): { ok: boolean; code?: string } {
  const envelope = ResultEnvelope.parse(result)
  if (!envelope.ok) {
    expect(envelope.error.code).not.toBe('INTERNAL')
    expect(envelope.error.message.length).toBeGreaterThan(0)
    return { ok: false, code: envelope.error.code }
  }
  return { ok: true }
}

const signedIn = signedInHostPerFile()

describe('fuzz', () => {
  const ROUTER_SEED = 0x5eed_0001
  it(`the router answers 3000 malformed calls with clean refusals (seed ${ROUTER_SEED})`, async () => {
    const random = generator(ROUTER_SEED)
    const codes = new Map<string, number>()
    for (let i = 0; i < 3000; i++) {
      const name = random.next() < 0.6 ? random.pick(NAMES) : randomValue(random)
      const answer = expectCleanAnswer(await signedIn.world.host.core.router.dispatch(name, randomValue(random)))
      const key = answer.ok ? 'ok' : answer.code!
      codes.set(key, (codes.get(key) ?? 0) + 1)
    }
    expect(codes.get('INVALID_INPUT')).toBeGreaterThan(500)
    expect(codes.get('UNKNOWN_COMMAND')).toBeGreaterThan(500)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  const SOCKET_SEED = 0x5eed_0002
  it(`the WebSocket answers each of 2000 malformed messages, and keeps serving (seed ${SOCKET_SEED})`, async () => {
    const random = generator(SOCKET_SEED)
    const ws: WebSocket = await openSocket(signedIn.world, signedIn.cookie)
    const replies: { id: unknown; result: unknown }[] = []
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; id: unknown; result: unknown }
      if (message.type === 'reply') replies.push(message)
    })
    const expectedIds: number[] = []
    const COUNT = 2000
    for (let i = 0; i < COUNT; i++) {
      const message = randomMessage(random, 10_000 + i)
      if (message.id !== null) expectedIds.push(message.id)
      ws.send(message.text)
    }
    await expect.poll(() => replies.length, { timeout: 60_000 }).toBe(COUNT)
    for (const reply of replies) expectCleanAnswer(reply.result)
    const answeredIds = new Set(replies.map((reply) => reply.id))
    for (const id of expectedIds) expect(answeredIds.has(id), `request ${id}`).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()

    await expect(ask(ws, 1, 'app.info')).resolves.toMatchObject({ ok: true })
    ws.close()
  })

  const FRAME_SEED = 0x5eed_0003
  it(`random raw frames on 150 sockets never take the host down (seed ${FRAME_SEED})`, async () => {
    const random = generator(FRAME_SEED)
    for (let i = 0; i < 150; i++) {
      const raw = await openRawSocket(signedIn.world, signedIn.cookie)
      const payload = Buffer.from(Array.from({ length: random.int(64) }, () => random.int(256)))
      const bytes =
        random.next() < 0.5
          ? frame(random.int(16), payload, {
              masked: random.next() < 0.8,
              ...(random.next() < 0.2 ? { declaredLength: random.int(2 ** 31) } : {}),
            })
          : payload
      raw.socket.write(bytes)
      await Promise.race([raw.closed, new Promise((resolve) => setTimeout(resolve, 20))])
      raw.socket.destroy()
    }
    const ws = await openSocket(signedIn.world, signedIn.cookie)
    await expect(ask(ws, 1, 'app.info')).resolves.toMatchObject({ ok: true, data: { transport: 'browser' } })
    ws.close()
  })
})
