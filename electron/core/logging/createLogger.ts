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

export function createLogger(options: { level?: string; destination?: string | undefined } = {}): Logger {
  const level = options.level ?? process.env.ATELIER_LOG_LEVEL ?? 'info'
  const destination = options.destination
    ? pino.destination({ dest: options.destination, mkdir: true, sync: false })
    : pino.destination(2)
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'atelier' } }, destination)
}

/** For tests and tools that want silence. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' })
}
