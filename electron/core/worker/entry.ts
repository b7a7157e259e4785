/** The core worker's entry file (bundled as out/main/coreWorker.js for the app). */
import { parentPort, workerData } from 'node:worker_threads'
import { serveCore } from './serve'

if (!parentPort) throw new Error('The core worker must run in a worker thread.')
void serveCore(parentPort, workerData)
