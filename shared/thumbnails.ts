/**
 * Which thumbnail a library cell shows. Every result has a thumbnail of long
 * edge 512 (`thumbs/<id>.webp`, downloads/image.ts): sharp on a 2× screen, and
 * what the viewer, queue and compare panes show. A grid cell on a 1× screen is
 * about 200 device px, and decoding a 512 px image for it costs four times the
 * work (and the memory) of one its size — in a fling that is most of what a
 * small machine's frames are spent on. So the grid has its own size:
 * `thumbs/grid/<id>.webp`, cover-fitted (short edge GRID_THUMB_EDGE), made from
 * the 512 px one the first time it is asked for (electron/core/media.ts) and
 * kept; removed with its image.
 */

/** Short edge of the grid's thumbnail, device px: a cell is cover-fitted, so the short edge is what must fill it. */
export const GRID_THUMB_EDGE = 256

/** A little upscaling is invisible; past this, the 512 px thumbnail is used. */
const GRID_THUMB_STRETCH = 1.1

const THUMB = /^thumbs\/([^/\\]+\.webp)$/
const GRID_THUMB = /^thumbs\/grid\/([^/\\]+\.webp)$/

/** `thumbs/<id>.webp` → `thumbs/grid/<id>.webp`; null for a path of any other shape. */
export function gridThumbPath(thumbPath: string): string | null {
  const match = THUMB.exec(thumbPath)
  return match ? `thumbs/grid/${match[1]}` : null
}

/**
 * The thumbnail for a small tile (the queue's 64 px, the viewer's lineage): the grid's size fills
 * it on any screen. The 512 px one where a path has no grid size.
 */
export function smallThumbPath(thumbPath: string): string {
  return gridThumbPath(thumbPath) ?? thumbPath
}

/** The inverse: the thumbnail a grid thumbnail is made from; null when `relative` is not a grid thumbnail. */
export function gridThumbSource(relative: string): string | null {
  const match = GRID_THUMB.exec(relative)
  return match ? `thumbs/${match[1]}` : null
}

/** Whether a cell `cellCssPx` wide on a screen of `devicePixelRatio` is filled by the grid's thumbnail. */
export function gridThumbFits(cellCssPx: number, devicePixelRatio: number): boolean {
  return cellCssPx > 0 && cellCssPx * devicePixelRatio <= GRID_THUMB_EDGE * GRID_THUMB_STRETCH
}
