/**
 * The crash test's child process. Like the app, it runs the engine and SQLite in
 * a worker thread (victim.ts), not on its main thread; the parent's SIGKILL ends
 * both at whatever point the worker has reached.
 */
import { writeSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

const victim = path.join(path.dirname(fileURLToPath(import.meta.url)), 'victim.ts')
// The parent starts this file with `--import tsx`; the worker inherits it and loads victim.ts the same way.
const worker = new Worker(victim)
worker.on('error', (error) => {
  writeSync(2, `${JSON.stringify({ msg: 'the engine worker failed', err: String(error) })}\n`)
  process.exit(1)
})
worker.on('exit', (code) => process.exit(code))
