/**
 * One browser-mode WebSocket: requests in, replies and events out. Whatever
 * arrives — random JSON, wrong types, huge strings, prototype keys, binary or
 * invalid frames — the socket answers with a clean refusal or is closed
 * cleanly, and the process stays up.
 */
import type { WebSocket } from 'ws'
import { z } from 'zod'
import { decodeMessage, encodeMessage } from '../../shared/codec'
import type { Router } from '../core/ipc/router'
import type { Logger } from '../core/ports'
import { MAX_INPUT_BYTES } from '../core/references'

/** Room for a message's envelope and other fields next to the largest file it may carry. */
const ENVELOPE_MARGIN_BYTES = 1024 * 1024
/**
 * The largest message the page ever has reason to send: one reference file at
 * the largest size the core accepts, base64-encoded (4 bytes per 3), plus the
 * envelope. A frame claiming more is refused before it is buffered.
 */
export const MAX_MESSAGE_BYTES = Math.ceil(MAX_INPUT_BYTES / 3) * 4 + ENVELOPE_MARGIN_BYTES

/** WebSocket close codes (RFC 6455 §7.4.1). */
const CLOSE_UNSUPPORTED_DATA = 1003
const CLOSE_POLICY_VIOLATION = 1008

const Request = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  name: z.string().max(200),
  input: z.unknown(),
})

const badMessage = (id: number | null) =>
  encodeMessage({
    type: 'reply',
    id,
    result: { ok: false, error: { code: 'BAD_MESSAGE', message: 'The message could not be read.' } },
  })

/** The envelope of a message whose contents could not be decoded, if it is JSON at all. */
function idOf(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * `sessionValid` is asked before each message: a socket does not outlive the
 * browser session it was opened under.
 */
export function attachSocketSession(
  ws: WebSocket,
  router: Router,
  logger: Logger,
  sessionValid: () => boolean = () => true,
): void {
  // ws emits 'error' for invalid UTF-8, oversized frames and protocol errors, then closes the socket
  // itself; without a listener that error would be thrown and end the process.
  ws.on('error', (error: Error & { code?: string }) => {
    logger.warn({ code: error.code ?? 'unknown' }, 'closed a browser-mode socket after a protocol error')
  })

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.close(CLOSE_UNSUPPORTED_DATA, 'Text messages only')
      return
    }
    if (!sessionValid()) {
      ws.close(CLOSE_POLICY_VIOLATION, 'Session expired')
      return
    }
    void (async () => {
      const text = data.toString()
      let decoded: unknown
      try {
        decoded = decodeMessage(text)
      } catch {
        decoded = undefined
      }
      const parsed = Request.safeParse(decoded)
      if (!parsed.success) {
        // Answer the request's own id when there is one (say its bytes were not base64), so the caller is not left waiting.
        const id = ((decoded ?? idOf(text)) as { id?: unknown } | null | undefined)?.id
        logger.debug({}, 'malformed message on the browser-mode socket')
        if (ws.readyState === ws.OPEN)
          ws.send(badMessage(Number.isInteger(id) && (id as number) >= 0 ? (id as number) : null))
        return
      }
      const { id, name, input } = parsed.data
      // The router never throws; it answers every name and input with a Result.
      const result = await router.dispatch(name, input)
      if (ws.readyState === ws.OPEN) ws.send(encodeMessage({ type: 'reply', id, result }))
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'browser-mode socket message failed')
    })
  })
}
