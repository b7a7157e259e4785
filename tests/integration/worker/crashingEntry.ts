/**
 * The real core worker (serveCore), plus a way for a test to make it die from
 * the inside the ways a worker really dies: `process.exit` in the worker, an
 * uncaught error, running out of heap. The test says how on a BroadcastChannel.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { serveCore } from '../../../electron/core/worker/serve'
import { CRASH_CHANNEL } from './crashChannel'

const channel = new BroadcastChannel(CRASH_CHANNEL)
channel.onmessage = (event: MessageEvent) => {
  if (event.data === 'exit') process.exit(3)
  if (event.data === 'throw')
    setImmediate(() => {
      throw new Error('an uncaught error in the core worker')
    })
  if (event.data === 'oom') {
    const hog: number[][] = []
    for (;;) hog.push(new Array(1_000_000).fill(hog.length))
  }
}
channel.unref()
if (!parentPort) throw new Error('run me as a worker')
void serveCore(parentPort, workerData)
