import { describe, expect, it } from 'vitest'
import { GRID_THUMB_EDGE, gridThumbFits, gridThumbPath, gridThumbSource, smallThumbPath } from './thumbnails'

describe("the grid's thumbnails", () => {
  it('name the grid size beside the thumbnail, and back', () => {
    expect(gridThumbPath('thumbs/abc.webp')).toBe('thumbs/grid/abc.webp')
    expect(gridThumbSource('thumbs/grid/abc.webp')).toBe('thumbs/abc.webp')
  })

  it.each(['images/abc.webp', 'thumbs/abc.png', 'thumbs/sub/abc.webp', 'thumbs/grid/abc.webp', 'thumbs/a\\b.webp'])(
    'have no grid size for %s',
    (path) => expect(gridThumbPath(path)).toBeNull(),
  )

  it.each(['thumbs/abc.webp', 'thumbs/grid/x/abc.webp', 'thumbs/grid/abc.png', 'images/grid/abc.webp', 'thumbs/grid/'])(
    'make nothing from %s',
    (path) => expect(gridThumbSource(path)).toBeNull(),
  )

  it("give small tiles the grid's size, or the thumbnail itself when a path has none", () => {
    expect(smallThumbPath('thumbs/abc.webp')).toBe('thumbs/grid/abc.webp')
    expect(smallThumbPath('thumbs/odd.png')).toBe('thumbs/odd.png')
  })

  it('fit a cell on a 1× screen, not the same cell on a 2× one', () => {
    expect(gridThumbFits(210, 1)).toBe(true)
    expect(gridThumbFits(GRID_THUMB_EDGE, 1)).toBe(true)
    expect(gridThumbFits(210, 2)).toBe(false)
    expect(gridThumbFits(360, 1)).toBe(false)
    expect(gridThumbFits(0, 1)).toBe(false)
  })
})
