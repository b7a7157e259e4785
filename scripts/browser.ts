/**
 * `npm run browser`: Atelier's real core in Node and its real UI in any browser,
 * on 127.0.0.1 under a random `*.atelier.localhost` name (the printed URL). Reads ATELIER_DATA_DIR, ATELIER_API_BASE_URL, ATELIER_API_KEY
 * and PORT from the environment.
 */
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { startBrowserHost } from '../electron/host/browserHost'
import { createLogger } from '../electron/core/logging/createLogger'

const root = resolve(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
const dataDir = resolve(process.env.ATELIER_DATA_DIR || join(homedir(), '.atelier-browser'))
const logger = createLogger({ destination: join(dataDir, 'logs', 'atelier.log') })

const host = await startBrowserHost({
  dataDir,
  rendererDir: join(root, 'out', 'renderer'),
  port: process.env.PORT ? Number(process.env.PORT) : 0,
  logger,
  appVersion: pkg.version,
  env: { apiBaseUrl: process.env.ATELIER_API_BASE_URL, apiKey: process.env.ATELIER_API_KEY },
}).catch((error: unknown) => {
  // Known refusals (library in use, renderer not built, port taken) are one clear line, not a stack.
  console.error(`Atelier could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})

const info = host.core.info()
console.log(`Atelier (browser mode) is running. Open: ${host.url}`)
console.log(
  `Library: ${dataDir} · API: ${info.mode === 'demo' ? 'Demo mode (built-in simulator — nothing is sent or charged)' : info.apiBaseUrl}`,
)

let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    void host.close().finally(() => process.exit(0))
  })
}
