import { describe, expect, it } from 'vitest'
import { createAtelierApi, type Transport } from './api'
import { decodeMessage, encodeMessage } from './codec'
import { AtelierError } from './result'

function fakeTransport(reply: (name: string, input: unknown) => unknown) {
  let listener: ((name: string, payload: unknown) => void) | null = null
  const sent: Array<{ name: string; input: unknown }> = []
  const transport: Transport = {
    kind: 'browser',
    request: async (name, input) => {
      sent.push({ name, input })
      return reply(name, input)
    },
    listen: (l) => {
      listener = l
      return () => (listener = null)
    },
    mediaUrl: (path) => `/media/${path}`,
  }
  return { transport, sent, emit: (name: string, payload: unknown) => listener?.(name, payload) }
}

const settings = {
  mode: 'demo',
  apiBaseUrl: 'https://platform.runblob.io',
  theme: 'system',
  referenceMaxEdge: 2048,
  notifications: true,
  dailySpendLimit: null,
  monthlySpendLimit: null,
}

describe('createAtelierApi', () => {
  it('refuses invalid input before anything is sent', async () => {
    const { transport, sent } = fakeTransport(() => ({ ok: true, data: {} }))
    const api = createAtelierApi(transport)
    await expect(
      api.invoke('generation.create', {
        prompt: 'x'.repeat(4001),
        aspectRatio: '4:3',
        referenceIds: [],
        variations: 1,
        callbackUrl: null,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'Prompts can be at most 4000 characters.' })
    await expect(
      api.invoke('generation.create', {
        prompt: 'ok',
        aspectRatio: '4:3',
        referenceIds: [],
        variations: 1,
        callbackUrl: 'http://insecure.example/hook',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'The webhook URL must start with https://' })
    expect(sent).toHaveLength(0)
  })

  it('rebuilds coded errors from the envelope', async () => {
    const { transport } = fakeTransport(() => ({
      ok: false,
      error: { code: 'INSUFFICIENT_CREDITS', message: 'Top up.' },
    }))
    const error = await createAtelierApi(transport)
      .invoke('settings.get', {})
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AtelierError)
    expect(error).toMatchObject({ code: 'INSUFFICIENT_CREDITS', message: 'Top up.' })
  })

  it('does not trust replies: a malformed one is an error, not data', async () => {
    const { transport } = fakeTransport(() => ({ ok: true, data: { ...settings, theme: 'purple' } }))
    await expect(createAtelierApi(transport).invoke('settings.get', {})).rejects.toMatchObject({ code: 'BAD_REPLY' })
    const garbage = fakeTransport(() => 'not an envelope')
    await expect(createAtelierApi(garbage.transport).invoke('settings.get', {})).rejects.toMatchObject({
      code: 'BAD_REPLY',
    })
  })

  it('delivers valid events and drops malformed or unknown ones', () => {
    const { transport, emit } = fakeTransport(() => null)
    const api = createAtelierApi(transport)
    const seen: unknown[] = []
    const off = api.on('settings.changed', (payload) => seen.push(payload.theme))
    emit('settings.changed', settings)
    emit('settings.changed', { ...settings, referenceMaxEdge: 'big' })
    emit('no.such.event', settings)
    off()
    emit('settings.changed', settings)
    expect(seen).toEqual(['system'])
  })
})

describe('codec', () => {
  it('round-trips bytes inside JSON', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256)
    const decoded = decodeMessage(encodeMessage({ source: { kind: 'bytes', bytes }, n: 1 })) as {
      source: { bytes: Uint8Array }
      n: number
    }
    expect(decoded.n).toBe(1)
    expect(decoded.source.bytes).toBeInstanceOf(Uint8Array)
    expect(Array.from(decoded.source.bytes)).toEqual(Array.from(bytes))
  })
  it('leaves look-alike objects with other keys alone', () => {
    expect(decodeMessage(encodeMessage({ $bytes: 'AA==', other: 1 }))).toEqual({ $bytes: 'AA==', other: 1 })
  })
})
