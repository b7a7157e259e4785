/**
 * Library UI benchmark: the real renderer in Debian's Chromium, the real core in
 * browser mode, over seeded libraries of 10 000 and 100 000 generations (rows
 * share a pool of real image and thumbnail files, as the issue allows). Per size:
 *
 * - first screen: from the click on Library to every visible cell showing its
 *   thumbnail (decoded, painted on the next frame) — once cold, then warm
 *   (after a reload) three times;
 * - search: `generation.list` (with the total, as the grid asks) for common and
 *   rare words, through the core's router in this process, against the bare SQL
 *   the library runs (same statements, own connection); every query is new, so
 *   no cache answers it;
 * - scrolling the whole grid top to bottom, one step per frame: frames longer
 *   than 50 ms from the Long Animation Frames API (and from rAF gaps);
 * - renderer JS heap after the scroll (after a forced GC): 100k against 10k.
 *
 *   npx tsx bench/libraryUi.ts            # sizes 10000 and 100000
 *   npx tsx bench/libraryUi.ts 5000       # any sizes
 *   BENCH_DEBUG=1 npx tsx bench/libraryUi.ts   # also print each long frame's attribution
 *
 * Targets: first screen ≤ 300 ms at 100k; search ≤ 30 ms; no frame over 50 ms
 * while scrolling after the first screen; heap at 100k ≤ 1.25× heap at 10k.
 */
import { chromium, type Browser, type Page } from '@playwright/test'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { DatabaseSync } from 'node:sqlite'
import { pathToFileURL } from 'node:url'
import sharp from 'sharp'
import { startBrowserHost, type BrowserHost } from '../electron/host/browserHost'
import { openLibrary, type NewGeneration } from '../electron/core/db'
import { buildCountSql, buildListSql, FTS_DRIVEN_MAX_MATCHES } from '../electron/core/db/listQuery'
import { toFtsQuery } from '../electron/core/db/search'
import type { Logger } from '../electron/core/ports'
import { ListGenerationsInput } from '../shared/contract'

const FIRST_SCREEN_TARGET_MS = 300
const FIRST_SCREEN_TARGET_SIZE = 100_000
const SEARCH_TARGET_MS = 30
const LONG_FRAME_MS = 50
const MEMORY_RATIO_TARGET = 1.25
const SCROLL_STEPS = 600
const POOL = 48
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

function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1))
const mb = (bytes: number) => (bytes / 1e6).toFixed(1)

interface Verdict {
  name: string
  met: boolean
}

/** A pool of real images and WebP thumbnails that seeded rows point at. */
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
}

/** Rows through the library's own insert path (one transaction), then their outcomes in one bulk UPDATE. */
export async function seed(size: number): Promise<{ dataDir: string; seconds: number }> {
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
  library.insertGenerations(rows)
  library.close()
  const bare = new DatabaseSync(path.join(dataDir, 'library.db'))
  bare.exec(`
    BEGIN IMMEDIATE;
    UPDATE generations SET
      status = CASE WHEN seq % 25 = 0 THEN 'failed' ELSE 'completed' END,
      task_uuid = 'task-' || id, price = '0.04', price_micros = 40000 + (seq % 5) * 1000,
      submitted_at = created_at, finished_at = created_at, duration_ms = 90000,
      image_path = CASE WHEN seq % 25 = 0 THEN NULL ELSE 'images/pool-' || (seq % ${POOL}) || '.png' END,
      thumb_path = CASE WHEN seq % 25 = 0 THEN NULL ELSE 'thumbs/pool-' || (seq % ${POOL}) || '.webp' END,
      image_width = 768, image_height = 768, image_bytes = 120000, image_sha256 = 'pool-' || (seq % ${POOL}),
      image_mime = 'image/png', favorite = (seq % 17 = 0), version = 5;
    COMMIT;
    PRAGMA wal_checkpoint(TRUNCATE);`)
  bare.close()
  return { dataDir, seconds: (performance.now() - started) / 1000 }
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

interface ScrollResult {
  frames: number
  longFrames: number
  longestFrameMs: number
  loafOver50: number
  longestLoafMs: number
  seconds: number
}

/** Scrolls the grid top to bottom, one step per frame, counting frames longer than LONG_FRAME_MS. */
const SCROLL_THROUGH = (steps: number, longFrameMs: number) => `new Promise((resolve) => {
  const steps = ${steps}, longFrameMs = ${longFrameMs}
  const scroller = document.querySelector('.library-scroll')
  const loaf = []
  let observer = null
  try {
    observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) { loaf.push(entry.duration); if (globalThis.__benchDebug && entry.duration > longFrameMs) console.log('LOAF', Math.round(entry.duration), 'step', step, 'render', Math.round(entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0), 'style', Math.round(entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0), 'block', Math.round(entry.blockingDuration), JSON.stringify((entry.scripts || []).map((s) => [s.invoker, Math.round(s.duration), s.sourceFunctionName, Math.round(s.forcedStyleAndLayoutDuration)]))) } })
    observer.observe({ type: 'long-animation-frame', buffered: false })
  } catch { observer = null }
  const bottom = scroller.scrollHeight - scroller.clientHeight
  const gaps = []
  const started = performance.now()
  let last = started
  let step = 0
  const tick = (now) => {
    gaps.push(now - last)
    last = now
    step += 1
    scroller.scrollTop = Math.round((bottom * step) / steps)
    if (step < steps) { requestAnimationFrame(tick); return }
    // Two more frames, so the last screen is laid out and its frame measured.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (observer) observer.disconnect()
      const measured = gaps.slice(1)
      resolve({
        frames: measured.length,
        longFrames: measured.filter((gap) => gap > longFrameMs).length,
        longestFrameMs: Math.max(0, ...measured),
        loafOver50: loaf.filter((d) => d > longFrameMs).length,
        longestLoafMs: Math.max(0, ...loaf),
        seconds: (performance.now() - started) / 1000,
      })
    }))
  }
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick) })
})`

/** JS heap after forced garbage collections (Chromium started with --expose-gc and precise memory info). */
const HEAP_AFTER_GC = `(async () => {
  for (let i = 0; i < 3; i++) { if (globalThis.gc) globalThis.gc(); await new Promise((r) => setTimeout(r, 50)) }
  return performance.memory ? performance.memory.usedJSHeapSize : NaN
})()`

const openLibraryAndWait = (page: Page) => page.evaluate(OPEN_LIBRARY_AND_WAIT) as Promise<number>
const scrollThrough = (page: Page, steps: number) =>
  page.evaluate(SCROLL_THROUGH(steps, LONG_FRAME_MS)) as Promise<ScrollResult>
const heapAfterGc = (page: Page) => page.evaluate(HEAP_AFTER_GC) as Promise<number>

/** The router's answer to a grid query, timed in this process; and the bare SQL the library runs for it. */
function searchTimes(host: BrowserHost, dataDir: string, words: string[]): Promise<{ app: number; bare: number }> {
  const bare = new DatabaseSync(path.join(dataDir, 'library.db'), { readOnly: true })
  const run = async (word: string) => {
    const query = { search: word, limit: PAGE_SIZE, withTotal: true }
    const appStart = performance.now()
    const result = await host.core.router.dispatch('generation.list', query)
    const app = performance.now() - appStart
    if (!result.ok) throw new Error(`search failed: ${result.error.message}`)
    const input = ListGenerationsInput.parse(query)
    const fts = toFtsQuery(input.search)
    const bareStart = performance.now()
    const count = bare
      .prepare('SELECT COUNT(*) AS n FROM (SELECT rowid FROM generations_fts WHERE generations_fts MATCH ? LIMIT ?)')
      .get(fts, FTS_DRIVEN_MAX_MATCHES + 1) as { n: number }
    const list = buildListSql(input, fts, count.n > FTS_DRIVEN_MAX_MATCHES ? 'time-driven' : 'fts-driven')
    bare.prepare(list.sql).all(...list.params)
    const total = buildCountSql(input, fts)
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

async function benchSize(size: number, browser: Browser, lines: string[], verdicts: Verdict[]): Promise<SizeResult> {
  const { dataDir, seconds } = await seed(size)
  lines.push(`${size.toLocaleString('en-US')} generations (seeded in ${seconds.toFixed(1)} s)`)
  const host = await startBrowserHost({
    dataDir,
    rendererDir: await ensureRendererBuilt(),
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
  try {
    const openOnce = async () => {
      await page.goto(host.url)
      await page.getByRole('textbox', { name: 'Prompt' }).waitFor()
      return openLibraryAndWait(page)
    }
    const cold = await openOnce()
    const warm = [await openOnce(), await openOnce(), await openOnce()]
    const firstScreen = Math.max(cold, median(warm))
    const target = size >= FIRST_SCREEN_TARGET_SIZE
    if (target) verdicts.push({ name: `first screen at ${size}`, met: firstScreen <= FIRST_SCREEN_TARGET_MS })
    lines.push(
      `  first screen of thumbnails   cold ${ms(cold).padStart(6)} ms   warm ${ms(median(warm)).padStart(6)} ms` +
        (target
          ? `   (target ≤ ${FIRST_SCREEN_TARGET_MS} ms) ${firstScreen <= FIRST_SCREEN_TARGET_MS ? 'met' : 'MISSED'}`
          : ''),
    )

    for (const [label, words] of [
      ['common word', COMMON],
      ['rare word', Array.from({ length: 12 }, (_, i) => rareWord(i))],
    ] as const) {
      const { app, bare } = await searchTimes(host, dataDir, [...words])
      const met = app <= SEARCH_TARGET_MS
      verdicts.push({ name: `search (${label}) at ${size}`, met })
      lines.push(
        `  search, ${label.padEnd(20)} app ${ms(app).padStart(6)} ms   bare SQL ${ms(bare).padStart(6)} ms   ratio ${(app / bare).toFixed(2)}×   (target ≤ ${SEARCH_TARGET_MS} ms) ${met ? 'met' : 'MISSED'}`,
      )
    }

    const scroll = await scrollThrough(page, SCROLL_STEPS)
    const height = (await page.evaluate("document.querySelector('.library-scroll').scrollHeight")) as number
    const smooth = scroll.loafOver50 === 0 && scroll.longFrames === 0
    verdicts.push({ name: `scrolling at ${size}`, met: smooth })
    lines.push(
      `  scroll top → bottom           ${scroll.frames} frames in ${scroll.seconds.toFixed(1)} s; long animation frames > ${LONG_FRAME_MS} ms: ${scroll.loafOver50} (longest ${ms(scroll.longestLoafMs)} ms); rAF gaps > ${LONG_FRAME_MS} ms: ${scroll.longFrames} (longest ${ms(scroll.longestFrameMs)} ms)   (target 0) ${smooth ? 'met' : 'MISSED'}`,
    )
    const heap = await heapAfterGc(page)
    lines.push(`  renderer JS heap after scroll ${mb(heap)} MB`)
    // The same scroll over an empty page of the same height: what this machine's load alone does to frames.
    await page.setContent(
      `<div class="library-scroll" style="height:100vh;overflow:auto"><div style="height:${height}px"></div></div>`,
    )
    const control = await scrollThrough(page, SCROLL_STEPS)
    lines.push(
      `  control (empty page, same scroll) long animation frames > ${LONG_FRAME_MS} ms: ${control.loafOver50}, rAF gaps > ${LONG_FRAME_MS} ms: ${control.longFrames} (longest ${ms(control.longestFrameMs)} ms)`,
    )
    return { size, heap }
  } finally {
    await context.close()
    await host.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function runLibraryUiBench(options: { sizes?: number[] } = {}): Promise<string[]> {
  const sizes = options.sizes ?? [10_000, 100_000]
  const lines: string[] = []
  const verdicts: Verdict[] = []
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--enable-precise-memory-info',
      '--js-flags=--expose-gc',
    ],
  })
  const results: SizeResult[] = []
  try {
    for (const size of sizes) results.push(await benchSize(size, browser, lines, verdicts))
  } finally {
    await browser.close()
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
      .join(' ')} (two cores; other processes' load shows in frame times)`,
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
