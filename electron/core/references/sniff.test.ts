import { describe, expect, it } from 'vitest'
import { sniffFormat } from './sniff'
import { heicLike, solid, tinyBmp } from '../../../tests/support/testImages'

const bytes = (...values: number[]) => Uint8Array.from(values)
const text = (value: string) => new TextEncoder().encode(value)

describe('sniffFormat', () => {
  it.each([
    ['jpeg', () => solid(4, 4, [1, 2, 3]).jpeg().toBuffer()],
    ['png', () => solid(4, 4, [1, 2, 3]).png().toBuffer()],
    ['webp', () => solid(4, 4, [1, 2, 3]).webp().toBuffer()],
    ['gif', () => solid(4, 4, [1, 2, 3]).gif().toBuffer()],
    ['tiff', () => solid(4, 4, [1, 2, 3]).tiff().toBuffer()],
    ['avif', () => solid(4, 4, [1, 2, 3]).avif().toBuffer()],
    ['heic', heicLike],
    ['bmp', async () => tinyBmp()],
  ])('recognises %s from its bytes', async (format, make) => {
    expect(sniffFormat(await make())).toBe(format)
  })

  it('recognises formats it will not decode', () => {
    expect(sniffFormat(bytes(0xff, 0x0a, 0x01))).toBe('jxl')
    expect(sniffFormat(bytes(0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a))).toBe('jp2')
    expect(sniffFormat(text('8BPS\u0000\u0001'))).toBe('psd')
    expect(sniffFormat(text('  \n<svg viewBox="0 0 1 1"></svg>'))).toBe('svg')
    const inkscape =
      '<?xml version="1.0"?>\n<!-- Created with Inkscape -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg/>'
    expect(sniffFormat(text(inkscape))).toBe('svg')
  })

  it('does not take text, HTML or a stray "BM" for an image', () => {
    expect(sniffFormat(text('BMW owners club newsletter, issue 4'))).toBeNull()
    expect(sniffFormat(text('<!doctype html><html><body>Not found</body></html>'))).toBeNull()
    expect(sniffFormat(text('<!DOCTYPE html><html><body><svg width="8"></svg></body></html>'))).toBeNull()
    expect(sniffFormat(text('%PDF-1.7'))).toBeNull()
    expect(sniffFormat(bytes(0xff, 0xd8))).toBeNull()
    expect(sniffFormat(new Uint8Array(0))).toBeNull()
  })
})
