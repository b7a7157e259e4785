/**
 * `npm run simulator`: the demo runblob API on loopback, for trying the app
 * against a server that never charges anything. Knobs come from the
 * environment (see KNOBS below); Ctrl-C stops it.
 */
import { createSimulator, DEMO_API_KEY } from '../electron/core/simulator'
import type { SimulatorFaults, SimulatorOptions } from '../electron/core/simulator/types'

const KNOBS: [string, string][] = [
  ['PORT / --port', 'listening port (default 8765; 0 = any free port)'],
  ['SIM_API_KEYS', `comma-separated accepted keys (default ${DEMO_API_KEY})`],
  ['SIM_PENDING_MS', 'time a task stays pending (default 1500)'],
  ['SIM_PROCESSING_MS', 'time a task stays processing (default 3000)'],
  ['SIM_PRICE', 'price per task (default 0.0400)'],
  ['SIM_CREDITS', 'starting balance, e.g. 0.20 (default unlimited)'],
  ['SIM_LONG_EDGE', 'long edge of result images in px (default 1024)'],
  ['SIM_SEED', 'seed for the fault dice'],
  ['SIM_LATENCY_MS', 'delay before every answer'],
  ['SIM_ERROR_RATES', 'e.g. 500:0.1,502:0.05'],
  ['SIM_RATE_LIMIT', 'chance of 429, e.g. 0.1 (SIM_RATE_LIMIT_RETRY_AFTER seconds)'],
  ['SIM_RESET_RATE', 'chance a connection is dropped without an answer'],
  ['SIM_RESET_AFTER_CREATE_RATE', 'chance a POST creates and charges, then drops'],
  ['SIM_TRUNCATE_RATE / SIM_CORRUPT_RATE', 'chance a download is cut short / not an image'],
  ['SIM_RESULT_TTL_MS', 'result URLs expire this long after completion'],
  ['SIM_MAINTENANCE_MS', 'answer 503 for this long from start (SIM_MAINTENANCE_RETRY_AFTER seconds)'],
]

function fail(message: string): never {
  console.error(`simulator: ${message}`)
  process.exit(2)
}

function numberFrom(name: string): number | undefined {
  const raw = process.env[name]?.trim()
  if (!raw) return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) fail(`${name} must be a non-negative number, got "${raw}"`)
  return value
}

function portFrom(argv: string[]): number {
  const index = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='))
  const arg = argv[index]
  const raw = index < 0 ? process.env.PORT : arg?.includes('=') ? arg.slice('--port='.length) : argv[index + 1]
  if (raw === undefined || raw.trim() === '') return 8765
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid port "${raw}"`)
  return port
}

function errorRatesFrom(raw: string | undefined): SimulatorFaults['errorRates'] {
  const rates: SimulatorFaults['errorRates'] = {}
  for (const pair of (raw ?? '').split(',').filter((part) => part.trim())) {
    const [status, rate] = pair.split(':').map((part) => Number(part.trim()))
    if (!Number.isInteger(status) || rate === undefined || !(rate >= 0 && rate <= 1))
      fail(`SIM_ERROR_RATES: bad entry "${pair}"`)
    rates[status as number] = rate
  }
  return rates
}

function optionsFromEnvironment(): SimulatorOptions {
  const env = process.env
  const faults: Partial<SimulatorFaults> = { errorRates: errorRatesFrom(env.SIM_ERROR_RATES) }
  const set = <K extends keyof SimulatorFaults>(key: K, value: SimulatorFaults[K] | undefined) => {
    if (value !== undefined) faults[key] = value
  }
  set('latencyMs', numberFrom('SIM_LATENCY_MS'))
  const rateLimit = numberFrom('SIM_RATE_LIMIT')
  if (rateLimit !== undefined)
    faults.rateLimit = { rate: rateLimit, retryAfterSeconds: numberFrom('SIM_RATE_LIMIT_RETRY_AFTER') ?? null }
  set('resetRate', numberFrom('SIM_RESET_RATE'))
  set('resetAfterCreateRate', numberFrom('SIM_RESET_AFTER_CREATE_RATE'))
  set('truncateDownloadRate', numberFrom('SIM_TRUNCATE_RATE'))
  set('corruptDownloadRate', numberFrom('SIM_CORRUPT_RATE'))
  set('resultUrlTtlMs', numberFrom('SIM_RESULT_TTL_MS'))
  const maintenanceMs = numberFrom('SIM_MAINTENANCE_MS')
  if (maintenanceMs !== undefined) {
    faults.maintenanceUntil = Date.now() + maintenanceMs
    faults.maintenanceRetryAfterSeconds = numberFrom('SIM_MAINTENANCE_RETRY_AFTER') ?? null
  }
  const keys = env.SIM_API_KEYS?.split(',')
    .map((key) => key.trim())
    .filter(Boolean)
  return {
    port: portFrom(process.argv.slice(2)),
    ...(keys && keys.length > 0 ? { apiKeys: keys } : {}),
    pendingMs: numberFrom('SIM_PENDING_MS'),
    processingMs: numberFrom('SIM_PROCESSING_MS'),
    price: env.SIM_PRICE?.trim() || undefined,
    credits: env.SIM_CREDITS?.trim() || null,
    resultLongEdge: numberFrom('SIM_LONG_EDGE'),
    seed: numberFrom('SIM_SEED'),
    faults,
  }
}

async function main(): Promise<void> {
  const options = optionsFromEnvironment()
  const simulator = await createSimulator(options).catch((error: unknown) =>
    fail(error instanceof Error ? error.message : String(error)),
  )
  console.log(`runblob simulator on ${simulator.url} (API key: ${(options.apiKeys ?? [DEMO_API_KEY]).join(', ')})`)
  console.log('knobs (environment):')
  for (const [name, meaning] of KNOBS) console.log(`  ${name.padEnd(36)} ${meaning}`)

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`simulator: ${signal}, stopping`)
    void simulator.close().then(() => process.exit(0))
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

void main()
