/** The core in a worker thread: the main thread only routes (docs/threads.md). */
export { CORE_RESTARTED, startCoreWorker, type CoreWorkerOptions, type CoreWorkerPorts } from './startCoreWorker'
export { SUPERSEDED } from './searchQueue'
