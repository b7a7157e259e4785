import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { AcceptedReference } from './references'
import { effectiveRatio, renderResult, resultSize } from './render'

const image = (width: number, height: number, bytes = Buffer.alloc(0)): AcceptedReference => ({
  kind: 'image',
  bytes,
  format: 'png',
  width,
  height,
})

describe('result geometry', () => {
  it.each([
    ['1:1', 1024, 1024],
    ['4:3', 1024, 768],
    ['3:4', 768, 1024],
  ] as const)('%s at 1024 → %i×%i', (ratio, width, height) => {
    expect(resultSize(ratio, 1024)).toEqual({ width, height })
  })

  it('auto follows the first image reference, else square', () => {
    expect(effectiveRatio(null, [])).toBe('1:1')
    expect(effectiveRatio(null, [image(30, 20)])).toBe('4:3')
    expect(effectiveRatio(null, [{ kind: 'url', url: 'https://x/y' }, image(20, 30)])).toBe('3:4')
    expect(effectiveRatio(null, [image(20, 20)])).toBe('1:1')
    expect(effectiveRatio('4:3', [image(20, 30)])).toBe('4:3')
  })
})

describe('renderResult', () => {
  it('draws a decodable PNG of the asked ratio, different for different prompts', async () => {
    const a = await renderResult({
      taskUuid: 'aaaaaaaa-1',
      prompt: 'a red fox',
      aspectRatio: '3:4',
      references: [],
      longEdge: 128,
    })
    const b = await renderResult({
      taskUuid: 'aaaaaaaa-1',
      prompt: 'a blue whale',
      aspectRatio: '3:4',
      references: [],
      longEdge: 128,
    })
    const meta = await sharp(a).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 96, 128])
    expect(a.equals(b)).toBe(false)
  })

  it('puts the reference images into the picture', async () => {
    const red = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer()
    const input = { taskUuid: 'bbbbbbbb-2', prompt: 'remix', aspectRatio: '1:1' as const, longEdge: 160 }
    const plain = await renderResult({ ...input, references: [] })
    const remix = await renderResult({
      ...input,
      references: [image(40, 40, red), { kind: 'url', url: 'https://example.com/p.jpg' }],
    })
    const redness = async (png: Buffer) => {
      const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
      let count = 0
      for (let i = 0; i < info.width * info.height; i++) {
        if ((data[i * 3] ?? 0) > 230 && (data[i * 3 + 1] ?? 255) < 30 && (data[i * 3 + 2] ?? 255) < 30) count++
      }
      return count
    }
    expect(await redness(plain)).toBe(0)
    expect(await redness(remix)).toBeGreaterThan(100)
  })
})
