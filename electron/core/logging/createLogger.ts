/**
 * pino, with the places a secret could hide redacted. Both hosts (Electron main
 * and the browser-mode host) log through this; the core only sees the Logger port.
 */
import pino from 'pino'
import type { Logger } from '../ports'

export const REDACTED_PATHS = [
  'key',
  'apiKey',
  'authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.key',
  '*.apiKey',
  '*.authorization',
]

/** `destination`: a file path, or a stream the caller keeps (Electron main reopens it after rotating the file). */
export function createLogger(
  options: { level?: string; destination?: string | pino.DestinationStream | undefined } = {},
): Logger {
  const level = options.level ?? process.env.ATELIER_LOG_LEVEL ?? 'info'
  const destination =
    typeof options.destination === 'string'
      ? pino.destination({ dest: options.destination, mkdir: true, sync: false })
      : (options.destination ?? pino.destination(2))
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'atelier' } }, destination)
}

/** For tests and tools that want silence. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' })
}
