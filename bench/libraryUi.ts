/**
 * Library UI benchmark: the real renderer in Debian's Chromium, the real core in
 * browser mode, over seeded libraries of 10 000, 100 000 and 1 000 000
 * generations (rows share a pool of real images; their thumbnails, and the
 * grid's own size of each as downloads leave them, are hard links with
 * distinct names, so a screen scrolled to is not already in the browser's
 * cache). Per size:
 *
 * - first screen: from the click on Library to every visible cell showing its
 *   thumbnail (decoded, painted on the next frame) — once cold, then warm
 *   (after a reload) three times;
 * - search: `generation.list` and `generation.count` side by side (as the grid asks) for common and
 *   rare words, through the core's router in this process, against the bare SQL
 *   the library runs (same statements, own connection);
 * - what a person sees (bench/gridProbe.ts): real wheel input at reading speed
 *   (a screen a second, for seconds), a fling (ten screens a second) and a jump
 *   (the scrollbar dragged to 70 %, in one step) — long animation frames
 *   (> 50 ms) and how long tiles stay blank after they enter the screen; the
 *   same wheel over an empty page is the control for this machine's own load.
 *   Each scroll runs three times in a row and the run with the fewest long
 *   frames is judged (other processes' load only ever adds long frames);
 * - renderer JS heap after the motions (after a forced GC): largest against smallest.
 *
 *   npx tsx bench/libraryUi.ts                 # sizes 10000, 100000 and 1000000
 *   npx tsx bench/libraryUi.ts 5000            # any sizes
 *   BENCH_UI_BASELINE=<commit> npx tsx bench/libraryUi.ts   # that commit's renderer too, first
 *   BENCH_DEBUG=1 npx tsx bench/libraryUi.ts   # also print each long frame's attribution
 *
 * Targets: first screen ≤ 300 ms at 100k; search ≤ 30 ms; 0 long animation
 * frames at reading speed and in a fling at every size; tiles blank ≤ 100 ms
 * p95 at reading speed; heap at the largest size ≤ 1.25× heap at the smallest.
 * The renderer in out/renderer is used as built (`npx vite build --config
 * renderer/vite.config.ts` first).
 */
import { chromium, type Browser, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { DatabaseSync } from 'node:sqlite'
import { pathToFileURL } from 'node:url'
import sharp from 'sharp'
import { startBrowserHost, type BrowserHost } from '../electron/host/browserHost'
import { openLibrary, type NewGeneration } from '../electron/core/db'
import { writeGridThumbnailFile } from '../electron/core/downloads/gridThumbnail'
import { RECIPES_BACKFILLED } from '../electron/core/files/recipeBackfill'
import { buildCountSql, buildListSql, FTS_DRIVEN_MAX_MATCHES } from '../electron/core/db/listQuery'
import { toFtsQuery } from '../electron/core/db/search'
import type { Logger } from '../electron/core/ports'
import { ListGenerationsInput } from '../shared/contract'
import { FINISH_GRID_PROBE, startGridProbe, type GridProbeResult } from './gridProbe'
import { mulberry32 } from '../electron/core/simulator/dice'
import { CHROMIUM_ARGS } from '../playwright.config'

const FIRST_SCREEN_TARGET_MS = 300
const FIRST_SCREEN_TARGET_SIZE = 100_000
const SEARCH_TARGET_MS = 30
const LONG_FRAME_MS = 50
const MEMORY_RATIO_TARGET = 1.25
/** Reading speed: about a screen a second, for long enough to read a few rows. */
const READING_SCREENS_PER_S = 1
const READING_SECONDS = 6
/** A fling: about ten screens a second. */
const FLING_SCREENS_PER_S = 10
const FLING_SECONDS = 2
/** Runs of each scroll; this machine's other load only ever adds long frames, so the best run is judged. */
const RUNS = 3
/** p95 of how long a tile stays blank after entering the screen, at reading speed. */
const BLANK_TARGET_MS = 100
const POOL = 48
/** Distinct thumbnail files (hard links into the pool): what is scrolled to is not in the browser's cache yet. */
const DISTINCT_THUMBS = 4096
const PAGE_SIZE = 60
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent }
const root = path.resolve(import.meta.dirname, '..')

/** Words in about one prompt in ten: a search that matches thousands of rows. */
const COMMON = ['fox', 'owl', 'harbor', 'neon', 'forest', 'robot', 'castle', 'desert', 'violet', 'amber']
const FILLER = [
  'glass',
  'river',
  'storm',
  'candle',
  'marble',
  'copper',
  'garden',
  'winter',
  'portrait',
  'city',
  'ocean',
  'paper',
]
/** Each rare word is in about a dozen prompts whatever the size. */
const RARE_WORDS = 40
const rareWord = (n: number) => `zephyr${n}`

/** A seeded random source (mulberry32, the simulator's own), so every run is the same. */
const prng = mulberry32

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1))
const mb = (bytes: number) => (bytes / 1e6).toFixed(1)

interface Verdict {
  name: string
  met: boolean
}

/** A pool of real images and WebP thumbnails (with the grid's own size of each) that seeded rows point at. */
async function writePool(dataDir: string): Promise<void> {
  for (let i = 0; i < POOL; i++) {
    const hue = (i * 360) / POOL
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="768" height="768"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},60%,60%)"/><stop offset="1" stop-color="hsl(${(hue + 80) % 360},55%,30%)"/></linearGradient></defs>
      <rect width="768" height="768" fill="url(#g)"/><circle cx="${200 + (i % 5) * 80}" cy="${260 + (i % 3) * 90}" r="${90 + (i % 4) * 20}" fill="hsl(${(hue + 180) % 360},70%,70%)" opacity="0.8"/></svg>`
    const png = await sharp(Buffer.from(svg)).png().toBuffer()
    fs.writeFileSync(path.join(dataDir, 'images', `pool-${i}.png`), png)
    await sharp(png)
      .resize(512, 512)
      .webp({ quality: 82 })
      .toFile(path.join(dataDir, 'thumbs', `pool-${i}.webp`))
  }
  // The grid's own size of each, as a download leaves it (shared/thumbnails.ts).
  for (let i = 0; i < POOL; i++) {
    const thumb = path.join(dataDir, 'thumbs', `pool-${i}.webp`)
    await writeGridThumbnailFile(
      thumb,
      path.join(dataDir, 'thumbs', 'grid', `pool-${i}.webp`),
      path.join(dataDir, 'tmp'),
    )
  }
  for (let i = 0; i < DISTINCT_THUMBS; i++) {
    fs.linkSync(path.join(dataDir, 'thumbs', `pool-${i % POOL}.webp`), path.join(dataDir, 'thumbs', `t-${i}.webp`))
    fs.linkSync(
      path.join(dataDir, 'thumbs', 'grid', `pool-${i % POOL}.webp`),
      path.join(dataDir, 'thumbs', 'grid', `t-${i}.webp`),
    )
  }
}

/** Rows through the library's own insert path (one transaction), then their outcomes in one bulk UPDATE. */
export async function seed(size: number): Promise<{ dataDir: string; seconds: number; insertSeconds: number }> {
  const started = performance.now()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `atelier-ui-bench-${size}-`))
  const library = openLibrary({ dataDir, logger: silent })
  await writePool(dataDir)
  const random = prng(size)
  const start = Date.now() - size * 60_000
  const rows: NewGeneration[] = Array.from({ length: size }, (_, i) => {
    const words = Array.from(
      { length: 5 + Math.floor(random() * 5) },
      () => FILLER[Math.floor(random() * FILLER.length)]!,
    )
    words.splice(Math.floor(random() * words.length), 0, COMMON[i % COMMON.length]!)
    // About a dozen rows per rare word at any size.
    const every = Math.max(1, Math.floor(size / (RARE_WORDS * 12)))
    if (i % every === 0) words.push(rareWord((i / every) % RARE_WORDS))
    return {
      id: `ui-${String(i).padStart(7, '0')}`,
      prompt: words.join(' '),
      aspectRatio: (['1:1', '4:3', '3:4', 'auto'] as const)[i % 4]!,
      references: [],
      callbackUrl: null,
      createdAt: new Date(start + i * 60_000).toISOString(),
    }
  })
  const inserting = performance.now()
  library.insertGenerations(rows)
  const insertSeconds = (performance.now() - inserting) / 1000
  // As in a library this version built: every result written with its recipe, so the file check
  // never backfills recipes (here it would rewrite the shared pool images, and re-list the grid, mid-scroll).
  library.setMeta(RECIPES_BACKFILLED, new Date().toISOString())
  library.close()
  const bare = new DatabaseSync(path.join(dataDir, 'library.db'))
  bare.exec(`
    BEGIN IMMEDIATE;
    UPDATE generations SET
      status = CASE WHEN seq % 25 = 0 THEN 'failed' ELSE 'completed' END,
      task_uuid = 'task-' || id, price = '0.04', price_micros = 40000 + (seq % 5) * 1000,
      submitted_at = created_at, finished_at = created_at, duration_ms = 90000,
      image_path = CASE WHEN seq % 25 = 0 THEN NULL ELSE 'images/pool-' || (seq % ${POOL}) || '.png' END,
      thumb_path = CASE WHEN seq % 25 = 0 THEN NULL ELSE 'thumbs/t-' || (seq % ${DISTINCT_THUMBS}) || '.webp' END,
      image_width = 768, image_height = 768, image_bytes = 120000, image_sha256 = 'pool-' || (seq % ${POOL}),
      image_mime = 'image/png', favorite = (seq % 17 = 0), version = 5;
    COMMIT;
    PRAGMA wal_checkpoint(TRUNCATE);`)
  bare.close()
  return { dataDir, seconds: (performance.now() - started) / 1000, insertSeconds }
}

async function ensureRendererBuilt(): Promise<string> {
  const rendererDir = path.join(root, 'out', 'renderer')
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    const { build } = await import('vite')
    const { rendererConfig } = (await import(pathToFileURL(path.join(root, 'renderer', 'vite.config.ts')).href)) as {
      rendererConfig: Parameters<typeof build>[0]
    }
    await build({ ...rendererConfig, logLevel: 'warn' })
  }
  return rendererDir
}

/**
 * The in-page measurements are plain JavaScript source: they run in Chromium, not
 * in Node (no DOM types here), and tsx's helpers must not leak into them.
 */

/** Click on Library → every visible cell shows its decoded thumbnail; resolves on the frame after. */
const OPEN_LIBRARY_AND_WAIT = `new Promise((resolve, reject) => {
  const start = performance.now()
  globalThis.__cellsAt = 0
  const nav = [...document.querySelectorAll('nav[aria-label="Main"] button')].find((b) => b.textContent.includes('Library'))
  if (!nav) return reject(new Error('no Library button'))
  nav.click()
  const check = () => {
    if (performance.now() - start > 20000) return reject(new Error('the first screen never finished'))
    const scroller = document.querySelector('.library-scroll')
    const box = scroller && scroller.getBoundingClientRect()
    const visible = box ? [...scroller.querySelectorAll('.library-cell')].filter((cell) => {
      const r = cell.getBoundingClientRect()
      return r.bottom > box.top && r.top < box.bottom && r.width > 0
    }) : []
    if (globalThis.__benchDebug && visible.length > 0 && !globalThis.__cellsAt && visible.every((cell) => !cell.classList.contains('placeholder'))) {
      globalThis.__cellsAt = performance.now() - start
      console.log('cells rendered after', Math.round(globalThis.__cellsAt), 'ms;', visible.filter((c) => { const i = c.querySelector('img'); return i && i.complete }).length, 'of', visible.length, 'images already complete')
    }
    const ready = visible.length > 0 &&
      visible.every((cell) => !cell.classList.contains('placeholder')) &&
      visible.every((cell) => { const img = cell.querySelector('img'); return !img || (img.complete && img.naturalWidth > 0) })
    if (ready) requestAnimationFrame(() => resolve(performance.now() - start))
    else requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})`

/** JS heap after forced garbage collections (Chromium started with --expose-gc and precise memory info). */
const HEAP_AFTER_GC = `(async () => {
  for (let i = 0; i < 3; i++) { if (globalThis.gc) globalThis.gc(); await new Promise((r) => setTimeout(r, 50)) }
  return performance.memory ? performance.memory.usedJSHeapSize : NaN
})()`

const openLibraryAndWait = (page: Page) => page.evaluate(OPEN_LIBRARY_AND_WAIT) as Promise<number>
const heapAfterGc = (page: Page) => page.evaluate(HEAP_AFTER_GC) as Promise<number>

/**
 * The router's answers to a grid query as the grid asks it (the first page and the count side by
 * side, pagesSlice.ts), timed in this process until both are back; and the bare SQL for the same.
 */
function searchTimes(host: BrowserHost, dataDir: string, words: string[]): Promise<{ app: number; bare: number }> {
  const bare = new DatabaseSync(path.join(dataDir, 'library.db'), { readOnly: true })
  const run = async (word: string) => {
    const query = { search: word, limit: PAGE_SIZE }
    const appStart = performance.now()
    const results = await Promise.all([
      host.core.router.dispatch('generation.list', query),
      host.core.router.dispatch('generation.count', { search: word }),
    ])
    const app = performance.now() - appStart
    for (const result of results) if (!result.ok) throw new Error(`search failed: ${result.error.message}`)
    const input = ListGenerationsInput.parse(query)
    const fts = toFtsQuery(input.search)
    const bareStart = performance.now()
    const count = bare
      .prepare('SELECT COUNT(*) AS n FROM (SELECT rowid FROM generations_fts WHERE generations_fts MATCH ? LIMIT ?)')
      .get(fts, FTS_DRIVEN_MAX_MATCHES + 1) as { n: number }
    const list = buildListSql(
      input,
      fts === null ? null : { mode: 'full', match: fts },
      count.n > FTS_DRIVEN_MAX_MATCHES ? 'time-driven' : 'fts-driven',
    )
    bare.prepare(list.sql).all(...list.params)
    const total = buildCountSql(input, fts === null ? null : { mode: 'full', match: fts })
    bare.prepare(total.sql).get(...total.params)
    return { app, bare: performance.now() - bareStart }
  }
  return (async () => {
    const app: number[] = []
    const bareTimes: number[] = []
    await run(words[0]!)
    for (const word of words) {
      const times = await run(word)
      app.push(times.app)
      bareTimes.push(times.bare)
    }
    bare.close()
    return { app: median(app), bare: median(bareTimes) }
  })()
}

interface SizeResult {
  size: number
  heap: number
}

/** A renderer build to measure: the one in this tree, or a baseline built from another commit. */
interface Renderer {
  label: string
  dir: string
  baseline: boolean
}

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis))

/**
 * Real wheel input over the grid (Chromium scrolls it as it would a mouse's or a
 * touchpad's): `screensPerSecond` of the scroller's height, sent every `tickMs`
 * as the distance due by then, so a slow tick does not slow the scroll.
 */
async function wheel(page: Page, screensPerSecond: number, seconds: number, tickMs: number): Promise<void> {
  const box = await page.locator('.library-scroll').boundingBox()
  if (!box) throw new Error('the grid is not on screen')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const screen = (await page.evaluate("document.querySelector('.library-scroll').clientHeight")) as number
  const perMs = (screen * screensPerSecond) / 1000
  const started = performance.now()
  let sent = 0
  while (performance.now() - started < seconds * 1000) {
    const delta = Math.round(perMs * (performance.now() - started)) - sent
    if (delta > 0) {
      await page.mouse.wheel(0, delta)
      sent += delta
    }
    await sleep(tickMs)
  }
}

interface Motion {
  name: string
  /** Frames are held to the target (0 long animation frames) at this motion. */
  framesTarget: boolean
  /** Blank tiles are held to the target (p95 ≤ BLANK_TARGET_MS) at this motion. */
  blankTarget: boolean
  /** Runs one after the other (each from where the last ended); frames are judged on the best. */
  runs: number
  run(page: Page): Promise<void>
  /** How long the probe keeps watching after the motion, for the last screen to fill. */
  settleMs: number
}

const MOTIONS: Motion[] = [
  {
    name: `reading (${READING_SCREENS_PER_S} screen/s)`,
    framesTarget: true,
    blankTarget: true,
    runs: RUNS,
    run: (page) => wheel(page, READING_SCREENS_PER_S, READING_SECONDS, 100),
    settleMs: 800,
  },
  {
    name: `fling (${FLING_SCREENS_PER_S} screens/s)`,
    framesTarget: true,
    blankTarget: false,
    runs: RUNS,
    run: (page) => wheel(page, FLING_SCREENS_PER_S, FLING_SECONDS, 16),
    settleMs: 1500,
  },
  {
    name: 'jump to 70 %',
    framesTarget: false,
    blankTarget: false,
    runs: 1,
    // What dragging the scrollbar's thumb there does, in one step.
    run: (page) =>
      page.evaluate(
        "(() => { const s = document.querySelector('.library-scroll'); s.scrollTop = Math.round((s.scrollHeight - s.clientHeight) * 0.7) })()",
      ),
    settleMs: 2500,
  },
]

interface MotionResult {
  runs: GridProbeResult[]
  /** The run with the fewest long frames (this machine's other load only ever adds some). */
  best: GridProbeResult
  smooth: boolean
  blanks: number[]
  neverDrawn: number
}

const longFrames = (result: GridProbeResult) => (result.loafSupported ? result.loafOver : result.gapsOver)

async function measureMotion(page: Page, motion: Motion): Promise<MotionResult> {
  const runs: GridProbeResult[] = []
  for (let i = 0; i < motion.runs; i++) {
    await page.evaluate(startGridProbe(LONG_FRAME_MS))
    await motion.run(page)
    await sleep(motion.settleMs)
    runs.push((await page.evaluate(FINISH_GRID_PROBE)) as GridProbeResult)
  }
  const best = runs.reduce((a, b) => (longFrames(b) < longFrames(a) ? b : a))
  return {
    runs,
    best,
    smooth: longFrames(best) === 0,
    blanks: runs.flatMap((run) => run.blanks).sort((a, b) => a - b),
    neverDrawn: runs.reduce((sum, run) => sum + run.neverDrawn, 0),
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!

function framesText(result: MotionResult): string {
  const { best, runs } = result
  // The Long Animation Frames API where Chromium has it; rAF gaps otherwise.
  const loaf = best.loafSupported
    ? `long animation frames > ${LONG_FRAME_MS} ms: ${best.loafOver} (longest ${ms(best.longestLoafMs)} ms)`
    : 'long animation frames: API missing'
  const perRun = runs.length > 1 ? `; per run ${runs.map(longFrames).join(', ')}, best counted` : ''
  return `${loaf}; rAF gaps > ${LONG_FRAME_MS} ms: ${best.gapsOver} of ${best.frames} (longest ${ms(best.longestGapMs)} ms)${perRun}`
}

async function benchRenderer(
  size: number,
  dataDir: string,
  renderer: Renderer,
  browser: Browser,
  lines: string[],
  verdicts: Verdict[],
): Promise<SizeResult> {
  const host = await startBrowserHost({
    dataDir,
    rendererDir: renderer.dir,
    logger: silent,
    appVersion: 'bench',
    // No server is needed: every seeded row is finished, so nothing is sent.
    env: { apiBaseUrl: 'http://127.0.0.1:9', apiKey: 'bench-key-0000' },
  })
  const context = await browser.newContext({ viewport: { width: 1360, height: 880 } })
  const page = await context.newPage()
  if (process.env.BENCH_DEBUG) {
    page.on('console', (message) => console.log('  [page]', message.text()))
    await page.addInitScript('globalThis.__benchDebug = true')
  }
  const judged = (name: string, met: boolean) => {
    if (!renderer.baseline) verdicts.push({ name: `${name} at ${size}`, met })
    return renderer.baseline ? '(baseline, not judged)' : met ? 'met' : 'MISSED'
  }
  try {
    lines.push(`  — ${renderer.label}`)
    const openOnce = async () => {
      await page.goto(host.url)
      await page.getByRole('textbox', { name: 'Prompt' }).waitFor()
      return openLibraryAndWait(page)
    }
    const cold = await openOnce()
    const warm = [await openOnce(), await openOnce(), await openOnce()]
    const firstScreen = Math.max(cold, median(warm))
    const target = size >= FIRST_SCREEN_TARGET_SIZE
    lines.push(
      `  first screen of thumbnails   cold ${ms(cold).padStart(6)} ms   warm ${ms(median(warm)).padStart(6)} ms` +
        (target
          ? `   (target ≤ ${FIRST_SCREEN_TARGET_MS} ms) ${judged('first screen', firstScreen <= FIRST_SCREEN_TARGET_MS)}`
          : ''),
    )

    if (!renderer.baseline) {
      for (const [label, words] of [
        ['common word', COMMON],
        ['rare word', Array.from({ length: 12 }, (_, i) => rareWord(i))],
      ] as const) {
        const { app, bare } = await searchTimes(host, dataDir, [...words])
        lines.push(
          `  search, ${label.padEnd(20)} app ${ms(app).padStart(6)} ms   bare SQL ${ms(bare).padStart(6)} ms   ratio ${(app / bare).toFixed(2)}×   (target ≤ ${SEARCH_TARGET_MS} ms) ${judged(`search (${label})`, app <= SEARCH_TARGET_MS)}`,
        )
      }
    }

    const geometry = (await page.evaluate(
      "(() => { const s = document.querySelector('.library-scroll'); return { height: s.scrollHeight, screen: s.clientHeight } })()",
    )) as { height: number; screen: number }
    for (const motion of MOTIONS) {
      const result = await measureMotion(page, motion)
      const screens = result.runs.reduce((sum, run) => sum + run.screens, 0) / result.runs.length
      const seconds = result.runs.reduce((sum, run) => sum + run.seconds, 0) / result.runs.length
      const p95 = quantile(result.blanks, 0.95)
      lines.push(
        `  ${motion.name.padEnd(22)} ${result.runs.length}× ${screens.toFixed(1)} screens in ${seconds.toFixed(1)} s; ${framesText(result)}` +
          (motion.framesTarget ? `   (target 0) ${judged(`frames, ${motion.name}`, result.smooth)}` : '   (no target)'),
      )
      if (!motion.framesTarget)
        lines.push(`  ${''.padEnd(22)} landed at ${(result.best.landedAt * 100).toFixed(1)} % of the images`)
      lines.push(
        `  ${''.padEnd(22)} tiles blank after entering the screen: p50 ${ms(quantile(result.blanks, 0.5))} ms, p95 ${ms(p95)} ms, max ${ms(result.blanks.at(-1) ?? 0)} ms over ${result.blanks.length} tiles (${result.neverDrawn} left or stayed undrawn)` +
          (motion.blankTarget
            ? `   (target p95 ≤ ${BLANK_TARGET_MS} ms) ${judged(`blank tiles, ${motion.name}`, p95 <= BLANK_TARGET_MS)}`
            : '   (no target)'),
      )
    }
    const heap = await heapAfterGc(page)
    lines.push(`  renderer JS heap after the motions ${mb(heap)} MB`)
    if (!renderer.baseline) {
      // The same wheel over an empty page of the same height: what this machine's load alone does to frames.
      await page.setContent(
        `<div class="library-scroll" style="height:${geometry.screen}px;overflow:auto"><div style="height:${geometry.height}px"></div></div>`,
      )
      for (const motion of MOTIONS.slice(0, 2)) {
        lines.push(`  control: empty page, ${motion.name.padEnd(19)} ${framesText(await measureMotion(page, motion))}`)
      }
    }
    return { size, heap }
  } finally {
    await context.close()
    await host.close()
  }
}

async function benchSize(size: number, renderers: Renderer[], browser: Browser, lines: string[], verdicts: Verdict[]) {
  const { dataDir, seconds, insertSeconds } = await seed(size)
  lines.push(
    `${size.toLocaleString('en-US')} generations (seeded in ${seconds.toFixed(1)} s: the library's own insert, one transaction, ${insertSeconds.toFixed(1)} s; ${Math.round(size / insertSeconds).toLocaleString('en-US')} rows/s)`,
  )
  try {
    const results: SizeResult[] = []
    for (const renderer of renderers)
      results.push(await benchRenderer(size, dataDir, renderer, browser, lines, verdicts))
    return results.find((_, i) => !renderers[i]!.baseline)!
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * `BENCH_UI_BASELINE=<commit>`: that commit's renderer, built from `git archive` into a
 * temporary folder, is measured against the same seeded libraries before this tree's.
 */
async function baselineRenderer(ref: string): Promise<Renderer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-ui-baseline-'))
  execFileSync('sh', ['-c', `git -C "${root}" archive "${ref}" | tar -x -C "${dir}"`])
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'))
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'],
    // Its output is the baseline's business; a failed build still throws with it.
    { cwd: dir, stdio: 'pipe' },
  )
  return { label: `baseline renderer (${ref})`, dir: path.join(dir, 'out', 'renderer'), baseline: true }
}

export async function runLibraryUiBench(options: { sizes?: number[] } = {}): Promise<string[]> {
  const sizes = options.sizes ?? [10_000, 100_000, 1_000_000]
  const lines: string[] = []
  const verdicts: Verdict[] = []
  const renderers: Renderer[] = []
  const baselineRef = process.env.BENCH_UI_BASELINE
  if (baselineRef) renderers.push(await baselineRenderer(baselineRef))
  renderers.push({ label: 'this renderer', dir: await ensureRendererBuilt(), baseline: false })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // The browser e2e suite's flags, plus what the heap figure needs.
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  })
  const results: SizeResult[] = []
  try {
    for (const size of sizes) results.push(await benchSize(size, renderers, browser, lines, verdicts))
  } finally {
    await browser.close()
    for (const renderer of renderers)
      if (renderer.baseline) fs.rmSync(path.dirname(path.dirname(renderer.dir)), { recursive: true, force: true })
  }
  const smallest = results[0]
  const largest = results[results.length - 1]
  if (smallest && largest && largest !== smallest) {
    const ratio = largest.heap / smallest.heap
    const met = ratio <= MEMORY_RATIO_TARGET
    verdicts.push({ name: 'memory flat', met })
    lines.push(
      `memory: heap at ${largest.size.toLocaleString('en-US')} / heap at ${smallest.size.toLocaleString('en-US')} = ${ratio.toFixed(2)}×   (target ≤ ${MEMORY_RATIO_TARGET}×, flat) ${met ? 'met' : 'MISSED'}`,
    )
  }
  lines.push(
    `load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} (two cores; other processes' load shows in frame times — compare with the control lines)`,
  )
  const missed = verdicts.filter((v) => !v.met)
  lines.push(
    missed.length === 0
      ? `all ${verdicts.length} targets met`
      : `${verdicts.length - missed.length}/${verdicts.length} targets met; missed: ${missed.map((v) => v.name).join(', ')}`,
  )
  return lines
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
  for (const line of await runLibraryUiBench(sizes.length > 0 ? { sizes } : {})) console.log(line)
}
