/**
 * Browser mode's `window.atelier`: the same raw transport the Electron preload
 * exposes, built over a WebSocket to the local host. The host injects this
 * script before the app's own, so the app never knows which one it runs in.
 * Requests made while the socket is (re)connecting wait for it.
 */
import { decodeMessage, encodeMessage } from '../../../shared/codec'
import type { Transport } from '../../../shared/api'

type Reply = { type: 'reply'; id: number; result: unknown }
type EventMessage = { type: 'event'; name: string; payload: unknown }

const RECONNECT_MAX_MS = 5000

function createSocketTransport(): Transport {
  const pending = new Map<number, { resolve: (value: unknown) => void }>()
  const outbox: string[] = []
  const listeners = new Set<(name: string, payload: unknown) => void>()
  const reconnectListeners = new Set<() => void>()
  let connectedBefore = false
  let nextId = 1
  let socket: WebSocket | null = null
  let reconnectDelay = 250

  function connect(): void {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ipc`)
    socket = ws
    ws.addEventListener('open', () => {
      reconnectDelay = 250
      while (outbox.length > 0) ws.send(outbox.shift()!)
      if (connectedBefore) for (const listener of reconnectListeners) listener()
      connectedBefore = true
    })
    ws.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return
      const message = decodeMessage(event.data) as Reply | EventMessage
      if (message.type === 'reply') {
        pending.get(message.id)?.resolve(message.result)
        pending.delete(message.id)
      } else if (message.type === 'event') {
        for (const listener of listeners) listener(message.name, message.payload)
      }
    })
    ws.addEventListener('close', () => {
      socket = null
      // Requests in flight on a dead socket get an answer rather than hanging for ever.
      for (const [id, request] of pending) {
        request.resolve({
          ok: false,
          error: { code: 'DISCONNECTED', message: 'Lost the connection to Atelier’s core. Reconnecting…' },
        })
        pending.delete(id)
      }
      setTimeout(connect, reconnectDelay)
      reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS)
    })
  }
  connect()

  return {
    kind: 'browser',
    request(name, input) {
      const id = nextId++
      const text = encodeMessage({ type: 'request', id, name, input })
      return new Promise((resolve) => {
        pending.set(id, { resolve })
        if (socket?.readyState === WebSocket.OPEN) socket.send(text)
        else outbox.push(text)
      })
    },
    listen(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    mediaUrl: (path) => `/media/${path.split('/').map(encodeURIComponent).join('/')}`,
    onReconnect(listener) {
      reconnectListeners.add(listener)
      return () => reconnectListeners.delete(listener)
    },
  }
}

window.atelier = createSocketTransport()
