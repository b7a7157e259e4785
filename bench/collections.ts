/**
 * Collection filter benchmark: the first grid page of a collection against the
 * unfiltered first page (the baseline), on the same library in the same run.
 * Two boards: a large one (every 10th image — 10k of 100k: the sort's index
 * drives, membership is checked per row) and a small one (50 images: the board's
 * items drive and are sorted). Ratios, not absolute times, carry between machines.
 *
 *   npx tsx bench/collections.ts           # 100000 rows
 *   npx tsx bench/collections.ts 20000     # any size
 *
 * Target: collection page / unfiltered page ≤ 2× for both boards (the filter may
 * cost one index lookup per row it steps over, no more); the unfiltered page
 * itself is guarded against the bare SQL by bench/library.ts.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { setImmediate as nextTask } from 'node:timers/promises'
import { pathToFileURL } from 'node:url'
import { openLibrary, type NewGeneration } from '../electron/core/db'
import type { Logger } from '../electron/core/ports'

const RATIO_TARGET = 2
const LARGE_EVERY = 10
const SMALL_SIZE = 50

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent }
const ms = (value: number) => value.toFixed(value < 1 ? 3 : 2)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

/** Alternates the two calls, each in its own task (as IPC calls are), and returns their medians. */
async function pair(iterations: number, a: () => unknown, b: () => unknown): Promise<[number, number]> {
  for (let i = 0; i < 5; i++) {
    a()
    b()
  }
  const times: [number[], number[]] = [[], []]
  for (let i = 0; i < iterations; i++) {
    const order: Array<[() => unknown, number[]]> = [
      [a, times[0]],
      [b, times[1]],
    ]
    if (i % 2 === 1) order.reverse()
    for (const [run, into] of order) {
      await nextTask()
      const started = performance.now()
      run()
      into.push(performance.now() - started)
    }
  }
  return [median(times[0]), median(times[1])]
}

export async function runCollectionsBench(options: { size: number }): Promise<string[]> {
  const { size } = options
  const lines = [
    `collections bench — node ${process.version}, ${os.cpus().length} cores, ${size.toLocaleString('en')} generations`,
  ]
  const dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'atelier-bench-collections-'))
  const library = openLibrary({ dataDir, logger: silent })
  try {
    const start = Date.UTC(2024, 0, 1)
    const rows: NewGeneration[] = Array.from({ length: size }, (_, i) => ({
      id: `seed-${String(i).padStart(7, '0')}`,
      prompt: `image number ${i} of a seeded library`,
      aspectRatio: '1:1',
      references: [],
      callbackUrl: null,
      createdAt: new Date(start + i * 60_000).toISOString(),
    }))
    const seeded = performance.now()
    library.insertGenerations(rows)
    const large = library.createCollection({ id: 'large', name: 'Every tenth' })
    const small = library.createCollection({ id: 'small', name: 'A few' })
    const largeIds = rows.filter((_, i) => i % LARGE_EVERY === 0).map((row) => row.id)
    const step = Math.max(1, Math.floor(size / SMALL_SIZE))
    const smallIds = rows
      .filter((_, i) => i % step === 3)
      .slice(0, SMALL_SIZE)
      .map((row) => row.id)
    library.addToCollection(large.id, largeIds)
    library.addToCollection(small.id, smallIds)
    lines.push(
      `  seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s; boards of ${largeIds.length.toLocaleString('en')} and ${smallIds.length} images`,
    )

    let met = 0
    const boards = [
      { label: `large board (${largeIds.length.toLocaleString('en')})`, id: large.id },
      { label: `small board (${smallIds.length})`, id: small.id },
    ]
    for (const board of boards) {
      const [boardMs, baselineMs] = await pair(
        200,
        () => library.listGenerations({ collectionId: board.id, limit: 100 }),
        () => library.listGenerations({ limit: 100 }),
      )
      const ratio = boardMs / baselineMs
      const ok = ratio <= RATIO_TARGET
      if (ok) met += 1
      lines.push(
        `  first page, ${board.label.padEnd(20)} ${ms(boardMs).padStart(7)} ms   unfiltered ${ms(baselineMs).padStart(7)} ms   ratio ${ratio.toFixed(2)}×  (target ≤ ${RATIO_TARGET}×) ${ok ? 'met' : 'MISSED'}`,
      )
    }
    // The grid asks for the total once per filter (then it is cached until a write): shown, no target.
    const [countMs] = await pair(
      20,
      () => library.listGenerations({ collectionId: large.id, limit: 100, withTotal: true, search: '' }),
      () => library.listGenerations({ limit: 100 }),
    )
    lines.push(`  large board page with its total: ${ms(countMs)} ms (cached after the first; information only)`)
    lines.push(met === boards.length ? `targets: all ${met} met` : `targets: ${met} of ${boards.length} met`)
    return lines
  } finally {
    library.close()
    await fs.promises.rm(dataDir, { recursive: true, force: true })
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
if (invokedDirectly) {
  const size = Number(process.argv[2] ?? 100_000)
  for (const line of await runCollectionsBench({ size: Number.isInteger(size) && size > 0 ? size : 100_000 }))
    console.log(line)
}
