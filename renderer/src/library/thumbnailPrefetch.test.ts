import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/** A stand-in for an <img>: what the scheduler reads and writes. */
function fakeImage(connected = true, scrolling = true) {
  const image = {
    isConnected: connected,
    src: '',
    /** Inside a grid that is moving (`data-scrolling`), or not. */
    closest: (selector: string) => (selector === '[data-scrolling]' && scrolling ? {} : null),
    getAttribute: (name: string) => (name === 'src' && image.src !== '' ? image.src : null),
  }
  return image
}

let frames: Array<() => void> = []
const created: string[] = []
const nextFrame = () => {
  const run = frames
  frames = []
  for (const callback of run) callback()
}

beforeEach(() => {
  vi.resetModules()
  frames = []
  created.length = 0
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback))
  vi.stubGlobal(
    'Image',
    class {
      decoding = ''
      set src(url: string) {
        created.push(url)
      }
      decode() {
        return Promise.resolve()
      }
    },
  )
})
afterEach(() => vi.unstubAllGlobals())

const load = () => import('./thumbnailPrefetch')

describe('thumbnail loads', () => {
  it('wait while a grid flings, and start once it slows', async () => {
    let flinging = true
    vi.stubGlobal('document', {
      querySelector: (selector: string) => (selector === '[data-fast]' && flinging ? {} : null),
    })
    const { showThumbnail, prefetchThumbnail } = await load()
    prefetchThumbnail('/t/ahead.webp')
    const cell = fakeImage()
    showThumbnail(cell as unknown as HTMLImageElement, '/t/passing.webp')
    nextFrame()
    nextFrame()
    expect(cell.src).toBe('')
    expect(created).toEqual([])
    flinging = false
    nextFrame()
    expect(cell.src).toBe('/t/passing.webp')
    expect(created).toEqual(['/t/ahead.webp'])
  })

  it('start a few a frame while the grid moves, cells before prefetches, and skip cells that left the screen', async () => {
    const { showThumbnail, prefetchThumbnail } = await load()
    prefetchThumbnail('/t/ahead.webp')
    const cells = Array.from({ length: 8 }, () => fakeImage())
    cells.forEach((img, i) => showThumbnail(img as unknown as HTMLImageElement, `/t/${i}.webp`))
    const gone = fakeImage()
    showThumbnail(gone as unknown as HTMLImageElement, '/t/gone.webp')
    gone.isConnected = false
    // Nothing starts inside the render that asked.
    expect(cells.every((img) => img.src === '')).toBe(true)
    nextFrame()
    expect(cells.filter((img) => img.src !== '')).toHaveLength(6)
    expect(created).toEqual([])
    nextFrame()
    expect(cells.every((img, i) => img.src === `/t/${i}.webp`)).toBe(true)
    expect(gone.src).toBe('')
    // The prefetch had to wait for the cells.
    expect(created).toEqual(['/t/ahead.webp'])
  })

  it('shows a held thumbnail at once, and a cancelled cell is not loaded', async () => {
    const standing = fakeImage(true, false)
    const { showThumbnail: show } = await load()
    // A grid standing still (the first screen) loads at once.
    show(standing as unknown as HTMLImageElement, '/t/first.webp')
    expect(standing.src).toBe('/t/first.webp')

    const { showThumbnail, prefetchThumbnail } = await load()
    prefetchThumbnail('/t/held.webp')
    nextFrame()
    expect(created).toEqual(['/t/held.webp'])
    const cell = fakeImage()
    showThumbnail(cell as unknown as HTMLImageElement, '/t/held.webp')
    expect(cell.src).toBe('/t/held.webp')

    const cancelled = fakeImage()
    const cancel = showThumbnail(cancelled as unknown as HTMLImageElement, '/t/other.webp')
    cancel()
    nextFrame()
    expect(cancelled.src).toBe('')
  })
})
