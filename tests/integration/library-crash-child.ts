/**
 * Child process for library-crash.test.ts: writes ledger rows as fast as it
 * can and prints "ack <id>" after each write has returned, until it is killed.
 */
import { openLibrary } from '../../electron/core/db'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: library-crash-child <dataDir>')
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent }
const library = openLibrary({ dataDir, logger: silent })

for (let i = 0; ; i++) {
  const id = `crash-${i}`
  library.insertGenerations([
    {
      id,
      prompt: `crash test ${i}`,
      aspectRatio: '1:1',
      references: [],
      callbackUrl: null,
      createdAt: new Date().toISOString(),
    },
  ])
  library.updateGeneration(id, {
    status: 'pending',
    taskUuid: `task-${i}`,
    price: '0.0400',
    submittedAt: new Date().toISOString(),
  })
  process.stdout.write(`ack ${id}\n`)
}
