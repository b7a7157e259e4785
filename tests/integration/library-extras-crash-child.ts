/**
 * Child process for library-extras.test.ts: the library wired to its extras keeper as
 * the core wires it (default delays), making styles, renaming a board and sending prompts as fast
 * as it can and printing "ack <n>" after each has returned, until it is killed.
 */
import { openLibrary } from '../../electron/core/db'
import { createExtrasKeeper, type ExtrasKeeper } from '../../electron/core/extras'

const dataDir = process.argv[2]
if (!dataDir) throw new Error('usage: library-extras-crash-child <dataDir>')
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent }
let keeper: ExtrasKeeper | null = null
const library = openLibrary({ dataDir, logger: silent, onExtrasChanged: (kind) => keeper?.changed(kind) })
keeper = createExtrasKeeper({ dataDir, library: () => library, logger: silent })
const board = library.createCollection({ id: 'board-crash', name: 'Crash' })

for (let i = 0; i < 150; i++) {
  library.styles.create({ name: `Style ${i}`, text: `text ${i}` })
  library.renameCollection(board.id, `Crash ${i}`)
  library.history.record(`prompt ${i}`, '1:1')
  process.stdout.write(`ack ${i}\n`)
  // Let the keeper's timer run now and then, as an app between a person's clicks would.
  await new Promise((resolve) => setTimeout(resolve, 5))
}
await new Promise(() => {})
