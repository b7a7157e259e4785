/**
 * "Nothing is lost": the styles, the collections and the prompt history live
 * only in library.db, so the library keeps its own copy of them beside it
 * (electron/core/extras). The whole core, against the simulator (real images
 * with their recipes, real SQLite, real files): make styles, boards and
 * prompts, lose the database (deleted, or damaged so it is rebuilt, or rebuilt
 * on request), open again — and find them all back, with the startup notice or
 * the rebuild report saying what came back. A truncated or hostile copy is
 * named, kept aside, and costs only itself.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppInfo, Collection, HistoryEntry, RebuildReport } from '../../shared/contract'
import type { Generation } from '../../shared/domain'
import type { Style } from '../../shared/styles'
import { createCore, type Core } from '../../electron/core/createCore'
import { systemClock } from '../../electron/core/ports'
import { createSimulator, DEMO_API_KEY, type Simulator } from '../../electron/core/simulator'
import { memoryStore } from '../support/coreFixtures'
import { FAST_SIMULATOR, FAST_TUNING, makeTempDir, recordingLogger, removeTempDirs } from './engine-harness'

const running: Array<{ stop(): Promise<void> }> = []
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.stop()
  await removeTempDirs()
})

interface App {
  core: Core
  logger: ReturnType<typeof recordingLogger>
  call<T = unknown>(command: string, input?: unknown): Promise<T>
  stop(): Promise<void>
}

async function startApp(dataDir: string, simulator: Simulator): Promise<App> {
  const logger = recordingLogger()
  const core = await createCore(
    {
      dataDir,
      logger,
      cipher: { isAvailable: async () => false, encrypt: async () => new Uint8Array(), decrypt: async () => '' },
      events: { emit: () => {} },
      notifier: { notify: () => {} },
      clock: systemClock,
      store: memoryStore(),
      appVersion: '0.0.0-test',
      platform: 'linux',
      transport: 'browser',
      env: { apiBaseUrl: simulator.url, apiKey: DEMO_API_KEY },
    },
    { engineTuning: FAST_TUNING },
  )
  await core.start()
  let stopped = false
  const app: App = {
    core,
    logger,
    async call<T>(command: string, input: unknown = {}) {
      const result = await core.router.dispatch(command, input)
      if (!result.ok) throw new Error(`${command}: ${JSON.stringify(result.error)}`)
      return result.data as T
    },
    async stop() {
      if (stopped) return
      stopped = true
      await core.stop()
    },
  }
  running.push(app)
  return app
}

interface Made {
  dataDir: string
  simulator: Simulator
  styles: Style[]
  collections: Collection[]
  /** Each board's members as made (one of Foxes' is a failed generation: no file, so it cannot come back). */
  members: Record<string, string[]>
  history: HistoryEntry[]
}

const listAll = async (app: App) => (await app.call<{ items: Generation[] }>('generation.list', { limit: 100 })).items

async function settle(app: App, count: number): Promise<Generation[]> {
  let items: Generation[] = []
  for (let i = 0; i < 200; i++) {
    items = await listAll(app)
    if (items.length === count && items.every((g) => g.status === 'completed' || g.status === 'failed')) return items
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`not settled: ${JSON.stringify(items.map((g) => g.status))}`)
}

/** Four images (three foxes, a harbour), one failure, three styles, three boards, and the history those prompts made. */
async function makeLibrary(options: { stop: boolean } = { stop: true }): Promise<Made & { app: App }> {
  const dataDir = await makeTempDir('atelier-extras-')
  const simulator = await createSimulator(FAST_SIMULATOR)
  running.push({ stop: () => simulator.close() })
  const app = await startApp(dataDir, simulator)
  const create = (prompt: string, variations: number) =>
    app.call('generation.create', { prompt, aspectRatio: '1:1', referenceIds: [], variations, callbackUrl: null })
  await create('a red fox in snow', 2)
  await create('harbour at night', 1)
  await create('something forbidden', 1)
  await create('a red fox in snow', 1)
  const items = await settle(app, 5)
  const foxes = items.filter((g) => g.prompt === 'a red fox in snow' && g.status === 'completed')
  const harbour = items.find((g) => g.prompt === 'harbour at night')!
  const failed = items.find((g) => g.status === 'failed')!

  await app.call('style.create', { name: 'Film', text: '35mm film, grain' })
  const poster = await app.call<Style>('style.create', { name: 'Poster', text: 'A poster of {prompt}' })
  await app.call('style.create', { name: 'Noir', text: 'black and white' })
  await app.call('style.update', { id: poster.id, text: 'A vintage poster of {prompt}' })

  const boards = {
    Foxes: [...foxes.map((g) => g.id), failed.id],
    Harbour: [harbour.id],
    Empty: [],
  }
  for (const [name, ids] of Object.entries(boards)) {
    const board = await app.call<Collection>('collection.create', { name })
    if (ids.length > 0) await app.call('collection.add', { id: board.id, generationIds: ids })
  }
  const made = {
    app,
    dataDir,
    simulator,
    styles: (await app.call<{ styles: Style[] }>('style.list')).styles,
    collections: (await app.call<{ collections: Collection[] }>('collection.list')).collections,
    members: { Foxes: foxes.map((g) => g.id), Harbour: boards.Harbour, Empty: [] },
    history: (await app.call<{ items: HistoryEntry[] }>('history.list', { limit: 100 })).items,
  }
  expect(made.history.map((h) => [h.prompt, h.uses])).toEqual([
    ['a red fox in snow', 2],
    ['something forbidden', 1],
    ['harbour at night', 1],
  ])
  if (options.stop) await app.stop()
  return made
}

/** Every style, board (with its members) and prompt is back as it was made; the failed image's membership is not. */
async function expectAllBack(app: App, made: Made): Promise<void> {
  expect((await app.call<{ styles: Style[] }>('style.list')).styles).toEqual(made.styles)
  const boards = (await app.call<{ collections: Collection[] }>('collection.list')).collections
  expect(boards.map((b) => [b.id, b.name, b.createdAt])).toEqual(
    made.collections.map((b) => [b.id, b.name, b.createdAt]),
  )
  for (const board of boards) {
    const page = await app.call<{ items: Generation[] }>('generation.list', { limit: 100, collectionId: board.id })
    expect(page.items.map((g) => g.id).sort(), board.name).toEqual([...made.members[board.name]!].sort())
  }
  expect((await app.call<{ items: HistoryEntry[] }>('history.list', { limit: 100 })).items).toEqual(made.history)
}

const notices = async (app: App) => (await app.call<AppInfo>('app.info')).notices ?? []
const removeDatabase = (dataDir: string) => {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, `library.db${suffix}`), { force: true })
}

const PAGE = 4096
const damages: Array<[string, (database: string) => void]> = [
  ['cut in half', (database) => fs.truncateSync(database, Math.floor(fs.statSync(database).size / 2))],
  [
    'overwritten in every other page',
    (database) => {
      const fd = fs.openSync(database, 'r+')
      const pages = Math.floor(fs.statSync(database).size / PAGE)
      for (let page = 1; page < pages; page += 2) fs.writeSync(fd, randomBytes(PAGE), 0, PAGE, page * PAGE)
      fs.closeSync(fd)
    },
  ],
]

describe("the library's own copy of its styles, collections and prompt history", () => {
  it('library.db deleted: everything comes back, and the startup notice says what', async () => {
    const made = await makeLibrary()
    for (const file of ['library.styles.json', 'library.collections.json', 'library.history.json'])
      expect(fs.existsSync(path.join(made.dataDir, file)), file).toBe(true)
    removeDatabase(made.dataDir)

    const app = await startApp(made.dataDir, made.simulator)
    await expectAllBack(app, made)
    const [notice, ...rest] = await notices(app)
    expect(rest).toEqual([])
    expect(notice).toMatchObject({ code: 'LIBRARY_RESTORED', path: null })
    expect(notice!.message).toContain(
      "3 styles, 3 collections (4 images) and 3 prompts came back from the library's own copy",
    )
    expect(notice!.message).toContain('4 generations came back from their images')
  })

  it.each(damages)(
    'library.db %s: it is rebuilt, and the styles, boards and prompts come back with it',
    async (_, damage) => {
      const made = await makeLibrary()
      damage(path.join(made.dataDir, 'library.db'))

      const app = await startApp(made.dataDir, made.simulator)
      await expectAllBack(app, made)
      const [notice] = await notices(app)
      expect(notice).toMatchObject({ code: 'LIBRARY_REBUILT', path: expect.stringMatching(/library\.damaged-.+\.db$/) })
      expect(notice!.message).toMatch(
        /4 generations were rebuilt from their images\. 3 styles, 3 collections \(4 images\) and 3 prompts came back/,
      )
      // Opening again: a sound library, nothing to restore, nothing said.
      await app.stop()
      const again = await startApp(made.dataDir, made.simulator)
      expect(await notices(again)).toEqual([])
      await expectAllBack(again, made)
    },
  )

  it('rebuilt on request: a change made a moment before is in the report too', async () => {
    const made = await makeLibrary({ stop: false })
    const app = made.app
    // Well inside the copy's delay: the rebuild brings the copy up to date before it sets the database aside.
    const late = await app.call<Style>('style.create', { name: 'Late', text: 'made just before the rebuild' })
    const report = await app.call<RebuildReport>('library.rebuild')
    expect(report).toMatchObject({ recovered: 4, setAside: [expect.stringMatching(/library\.damaged-/)] })
    expect(report.extras).toEqual({ styles: 4, collections: 3, collectionItems: 4, prompts: 3, problems: [] })
    await expectAllBack(app, { ...made, styles: [...made.styles, late] })
  })

  it('a truncated or hostile copy is named and kept aside; the rest of the library starts as usual', async () => {
    const made = await makeLibrary()
    const file = (name: string) => path.join(made.dataDir, name)
    // Cut short mid-write (as no write of ours can leave it: ours are renamed into place whole).
    const styles = fs.readFileSync(file('library.styles.json'))
    fs.writeFileSync(file('library.styles.json'), styles.subarray(0, styles.length >> 1))
    // Hostile: one good board, and entries that break the rules (a name too long, an id that is a path, a prototype trick).
    const kept = JSON.parse(fs.readFileSync(file('library.collections.json'), 'utf8')) as { entries: unknown[] }
    const harbour = (kept.entries as Array<{ name: string }>).find((e) => e.name === 'Harbour')
    fs.writeFileSync(
      file('library.collections.json'),
      JSON.stringify({
        format: 'atelier.library-collections',
        version: 1,
        entries: [
          harbour,
          { id: 'x', name: 'n'.repeat(10_000), createdAt: '2026-01-01T00:00:00Z', generationIds: [] },
          { id: '../../etc', name: 'Escape', createdAt: '2026-01-01T00:00:00Z', generationIds: ['../../passwd'] },
          JSON.parse('{"__proto__": {"polluted": true}, "name": "Proto"}'),
        ],
      }),
    )
    removeDatabase(made.dataDir)

    const app = await startApp(made.dataDir, made.simulator)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((await app.call<{ styles: Style[] }>('style.list')).styles).toEqual([])
    expect((await app.call<{ collections: Collection[] }>('collection.list')).collections.map((c) => c.name)).toEqual([
      'Harbour',
    ])
    expect((await app.call<{ items: HistoryEntry[] }>('history.list', { limit: 100 })).items).toEqual(made.history)

    const said = await notices(app)
    expect(said.map((n) => n.code)).toEqual(['LIBRARY_RESTORED', 'EXTRAS_DAMAGED', 'EXTRAS_DAMAGED'])
    // The banner shows where each was kept (its path); the sentence says what was wrong.
    expect(said[1]!.message).toBe('library.styles.json: not readable JSON.')
    expect(said[2]!.message).toBe('library.collections.json: 3 of 4 collections broke the rules and were left out.')
    for (const notice of said.slice(1)) {
      expect(notice.path).toMatch(/\.damaged-.+\.json$/)
      expect(fs.existsSync(notice.path!)).toBe(true)
    }
    // The truncated copy is kept byte for byte; a new one is written from the database.
    expect(fs.readFileSync(said[1]!.path!)).toEqual(styles.subarray(0, styles.length >> 1))
    await app.stop()
    expect(JSON.parse(fs.readFileSync(file('library.styles.json'), 'utf8'))).toEqual({
      format: 'atelier.library-styles',
      version: 1,
      entries: [],
    })
    expect(app.logger.entries.filter((e) => e.msg === "the library's copy of its extras was damaged")).toHaveLength(2)
  })

  it('a change acknowledged before a crash is in the copy after the next start: losing the database later loses nothing', async () => {
    const dataDir = await makeTempDir('atelier-extras-crash-')
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(path.dirname(fileURLToPath(import.meta.url)), 'library-extras-crash-child.ts'),
        dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let acked = 0
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()))
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
    await new Promise<void>((resolve, reject) => {
      let buffered = ''
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString()
        const lines = buffered.split('\n')
        buffered = lines.pop() ?? ''
        acked += lines.filter((line) => line.startsWith('ack ')).length
        if (acked >= 40) {
          child.kill('SIGKILL')
          resolve()
        }
      })
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)))
    })
    await exited
    const copy = path.join(dataDir, 'library.styles.json')
    const atKill = fs.existsSync(copy)
      ? (JSON.parse(fs.readFileSync(copy, 'utf8')) as { entries: [] }).entries.length
      : 0

    // The next start finds a sound database and brings the copy up to date; later the database is lost.
    const simulator = await createSimulator(FAST_SIMULATOR)
    running.push({ stop: () => simulator.close() })
    await (await startApp(dataDir, simulator)).stop()
    removeDatabase(dataDir)

    const app = await startApp(dataDir, simulator)
    const names = (await app.call<{ styles: Style[] }>('style.list')).styles.map((s) => s.name)
    const prompts = (await app.call<{ items: HistoryEntry[] }>('history.list', { limit: 200 })).items.map(
      (h) => h.prompt,
    )
    const boards = (await app.call<{ collections: Collection[] }>('collection.list')).collections.map((c) => c.name)
    for (let i = 0; i < acked; i++) {
      expect(names).toContain(`Style ${i}`)
      expect(prompts).toContain(`prompt ${i}`)
    }
    expect(boards).toHaveLength(1)
    expect(Number(boards[0]!.replace('Crash ', ''))).toBeGreaterThanOrEqual(acked - 1)
    console.log(
      `extras crash: ${acked} changes acknowledged before SIGKILL; the copy held ${atKill} styles then, all after the next start`,
    )
  })
})
