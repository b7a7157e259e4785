/**
 * What a person sees while the library grid moves, measured inside Chromium.
 * The probe is plain JavaScript source (it runs in the page, not in Node: no
 * DOM types here, and tsx's helpers must not leak into it).
 *
 * - Frames: long animation frames from the Long Animation Frames API
 *   (`PerformanceObserver({ type: 'long-animation-frame' })`), and the gaps
 *   between requestAnimationFrame callbacks as a fallback where that API is
 *   missing.
 * - Blank tiles: a tile is a position in the grid. It enters when any cell at
 *   that position first intersects the scroller (IntersectionObserver, whose
 *   entry time is the frame's), and is drawn once its cell is no longer a
 *   placeholder and its thumbnail has been painted: the Element Timing API's
 *   `renderTime` for the image (the probe marks each thumbnail `elementtiming`
 *   as its cell is added). An image already loaded when its cell is added (held
 *   by the grid's prefetch) paints with the cell. A cell with no thumbnail (a
 *   failed row) is drawn with its cell. Where Element Timing is missing, `load`
 *   then `img.decode()` stands in; it is not used where the API exists because
 *   it asks Chromium for a second, full-size decode of every image, work the
 *   app itself never does, which would load the very frames being measured. Blank time is drawn − entered; a tile that leaves the screen (or is
 *   still on it at the end) undrawn counts its whole time on screen, and is
 *   counted as never drawn.
 */

export interface GridProbeResult {
  loafSupported: boolean
  /** Long animation frames over the threshold, and the longest of all. */
  loafOver: number
  longestLoafMs: number
  /** requestAnimationFrame gaps over the threshold, and the longest. */
  frames: number
  gapsOver: number
  longestGapMs: number
  seconds: number
  /** Rows travelled, in screens (the scroller's height). */
  screens: number
  /** The first position on screen at the end, as a fraction of the positions (where the scroll landed). */
  landedAt: number
  /** How long each tile that entered the screen stayed blank, ms. */
  blanks: number[]
  neverDrawn: number
}

/**
 * Installs `globalThis.__gridProbe` on the library's scroller, resolving once the tiles already on
 * screen have been seen (they are not counted); FINISH_GRID_PROBE reads and removes it.
 */
export const startGridProbe = (longFrameMs: number) => `new Promise((resolveReady) => {
  const longFrameMs = ${longFrameMs}
  const scroller = document.querySelector('.library-scroll')
  if (!scroller) throw new Error('no .library-scroll to probe')
  const startedAt = performance.now()
  const startTop = scroller.scrollTop
  const loaf = []
  let loafObserver = null
  try {
    loafObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        loaf.push(entry.duration)
        if (globalThis.__benchDebug && entry.duration > longFrameMs) console.log('LOAF', Math.round(entry.duration), 'at', Math.round(entry.startTime - startedAt), 'block', Math.round(entry.blockingDuration), 'style+layout', Math.round(entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0), JSON.stringify((entry.scripts || []).map((s) => [s.invoker, Math.round(s.duration), s.sourceFunctionName, Math.round(s.forcedStyleAndLayoutDuration)])))
      }
    })
    loafObserver.observe({ type: 'long-animation-frame', buffered: false })
  } catch { loafObserver = null }

  const gaps = []
  let lastFrame = 0
  let running = true
  const frame = (now) => {
    if (lastFrame) gaps.push(now - lastFrame)
    lastFrame = now
    if (running) requestAnimationFrame(frame)
  }
  requestAnimationFrame(frame)

  const tiles = new Map()
  const onScreen = new Map()
  const decoded = new WeakSet()
  let initial = true
  const positionOf = (cell) => Number(cell.getAttribute('aria-posinset')) - 1
  const tileAt = (position) => {
    let tile = tiles.get(position)
    if (!tile) { tile = { entered: null, drawn: null, left: null, initial: false }; tiles.set(position, tile) }
    return tile
  }
  const isDrawn = (cell) => {
    if (cell.classList.contains('placeholder')) return false
    const img = cell.querySelector('img')
    return !img || decoded.has(img) || (img.complete && img.naturalWidth > 0)
  }
  const firstOnScreen = () => onScreen.size === 0 ? null : Math.min(...onScreen.values())
  let startFirst = null
  // The grid's pitch, to turn positions travelled into screens (a compressed scrollbar moves less than the rows).
  const rowTops = [...scroller.querySelectorAll('.library-row')].map((row) => row.getBoundingClientRect().top).sort((a, b) => a - b)
  const pitch = rowTops.length > 1 ? rowTops[1] - rowTops[0] : 0
  const columns = scroller.querySelector('.library-row') ? scroller.querySelector('.library-row').children.length : 1
  const stillOnScreen = (position) => { for (const p of onScreen.values()) if (p === position) return true; return false }

  const io = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const cell = entry.target
      const position = positionOf(cell)
      if (entry.isIntersecting) {
        onScreen.set(cell, position)
        const tile = tileAt(position)
        if (tile.entered === null) { tile.entered = entry.time; tile.initial = initial }
        if (tile.left === null) tile.gone = null
        if (tile.drawn === null && tile.left === null && isDrawn(cell)) tile.drawn = entry.time
      } else if (onScreen.delete(cell) && !stillOnScreen(position)) {
        const tile = tiles.get(position)
        if (tile && tile.left === null && tile.entered !== null) tile.left = entry.time
      }
    }
    if (initial) requestAnimationFrame(() => requestAnimationFrame(() => { startFirst = firstOnScreen(); resolveReady(undefined) }))
    initial = false
  }, { root: scroller, threshold: 0 })

  const cellsIn = (node) => node.nodeType !== 1 ? [] : node.classList.contains('library-cell') ? [node] : [...node.querySelectorAll('.library-cell')]
  const mo = new MutationObserver((records) => {
    const now = performance.now()
    for (const record of records) {
      for (const node of record.addedNodes) for (const cell of cellsIn(node)) { markImage(cell); io.observe(cell) }
      for (const node of record.removedNodes) for (const cell of cellsIn(node)) {
        io.unobserve(cell)
        const position = onScreen.get(cell)
        if (position === undefined) continue
        onScreen.delete(cell)
        // Replaced (a placeholder by its cell) or scrolled away: which one, the next intersection says.
        const tile = tiles.get(position)
        if (tile && tile.left === null && !stillOnScreen(position)) tile.gone = now
      }
    }
  })
  mo.observe(scroller, { childList: true, subtree: true })
  const present = scroller.querySelectorAll('.library-cell')
  for (const cell of present) io.observe(cell)
  if (present.length === 0) { initial = false; requestAnimationFrame(() => resolveReady(undefined)) }

  const markDrawn = (img, at) => {
    decoded.add(img)
    const cell = img.closest('.library-cell')
    if (!cell || !cell.isConnected) return
    const tile = tiles.get(positionOf(cell))
    if (tile && tile.drawn === null && tile.left === null) tile.drawn = at
  }
  // Element Timing: when each thumbnail was first painted (renderTime), with no work of its own.
  const elementTiming = typeof PerformanceObserver !== 'undefined' && (PerformanceObserver.supportedEntryTypes || []).includes('element')
  let loads = 0
  let paints = 0
  let elementObserver = null
  if (elementTiming) {
    elementObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.element || entry.element.tagName !== 'IMG') continue
        paints += 1
        markDrawn(entry.element, entry.renderTime || entry.loadTime)
      }
    })
    elementObserver.observe({ type: 'element', buffered: false })
  }
  function markImage(cell) {
    const img = cell.querySelector('img')
    if (img && elementTiming && !img.hasAttribute('elementtiming')) img.setAttribute('elementtiming', 'grid-tile')
  }
  const onLoad = (event) => {
    const img = event.target
    if (!img || img.tagName !== 'IMG' || !img.closest('.library-cell')) return
    loads += 1
    if (!elementTiming) img.decode().catch(() => undefined).then(() => markDrawn(img, performance.now()))
  }
  scroller.addEventListener('load', onLoad, true)

  globalThis.__gridProbe = () => {
    running = false
    if (loafObserver) { for (const entry of loafObserver.takeRecords()) loaf.push(entry.duration); loafObserver.disconnect() }
    io.takeRecords()
    io.disconnect()
    mo.disconnect()
    scroller.removeEventListener('load', onLoad, true)
    if (elementObserver) { for (const entry of elementObserver.takeRecords()) if (entry.element && entry.element.tagName === 'IMG') { paints += 1; markDrawn(entry.element, entry.renderTime || entry.loadTime) } elementObserver.disconnect() }
    if (globalThis.__benchDebug) console.log('probe: thumbnails loaded', loads, 'painted (Element Timing)', paints)
    const end = performance.now()
    const blanks = []
    let neverDrawn = 0
    for (const tile of tiles.values()) {
      if (tile.entered === null || tile.initial) continue
      const left = tile.left ?? tile.gone ?? end
      if (tile.drawn !== null && tile.drawn <= left) blanks.push(Math.max(0, tile.drawn - tile.entered))
      else { blanks.push(Math.max(0, left - tile.entered)); neverDrawn += 1 }
    }
    const measured = gaps.slice(1)
    return {
      loafSupported: loafObserver !== null,
      loafOver: loaf.filter((d) => d > longFrameMs).length,
      longestLoafMs: Math.max(0, ...loaf),
      frames: measured.length,
      gapsOver: measured.filter((gap) => gap > longFrameMs).length,
      longestGapMs: Math.max(0, ...measured),
      seconds: (end - startedAt) / 1000,
      screens: startFirst === null || firstOnScreen() === null ? Math.abs(scroller.scrollTop - startTop) / scroller.clientHeight : (Math.abs(firstOnScreen() - startFirst) / columns) * pitch / scroller.clientHeight,
      landedAt: onScreen.size === 0 ? 0 : Math.min(...onScreen.values()) / Number(scroller.querySelector('.library-cell').getAttribute('aria-setsize')),
      blanks,
      neverDrawn,
    }
  }
})`

export const FINISH_GRID_PROBE = `(() => { const finish = globalThis.__gridProbe; delete globalThis.__gridProbe; return finish() })()`
