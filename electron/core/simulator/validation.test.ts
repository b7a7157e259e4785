import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { acceptReferences, validateGenerateBody } from './validation'

let jpeg: Buffer
let png: Buffer
let webp: Buffer
let gif: Buffer

beforeAll(async () => {
  const base = () => sharp({ create: { width: 24, height: 16, channels: 3, background: '#4a8' } })
  jpeg = await base().jpeg().toBuffer()
  png = await base().png().toBuffer()
  webp = await base().webp().toBuffer()
  gif = await base().gif().toBuffer()
})

const rejectionOf = (body: unknown) => {
  const result = validateGenerateBody(body)
  return result.ok ? null : result.rejection
}

describe('validateGenerateBody', () => {
  it('accepts the documented shapes and ignores extra fields', () => {
    const result = validateGenerateBody({
      prompt: 'a cat',
      aspect_ratio: '4:3',
      images: ['https://x.test/a.jpg'],
      callback_url: 'https://hook.test/cb',
      extra: true,
    })
    expect(result).toEqual({
      ok: true,
      input: {
        prompt: 'a cat',
        aspectRatio: '4:3',
        images: ['https://x.test/a.jpg'],
        callbackUrl: 'https://hook.test/cb',
      },
    })
    expect(validateGenerateBody({ prompt: 'p', aspect_ratio: null, images: null, callback_url: null }).ok).toBe(true)
  })

  it.each([
    [{ prompt: '' }, 'prompt length'],
    [{ prompt: 'x'.repeat(4001) }, 'prompt length'],
    [{ prompt: 'p', aspect_ratio: 'auto' }, 'aspect_ratio'],
    [{ prompt: 'p', aspect_ratio: '16:9' }, 'aspect_ratio'],
    [{ prompt: 'p', images: ['https://a/1', 'https://a/2', 'https://a/3', 'https://a/4', 'https://a/5'] }, 'at most 4'],
    [{ prompt: 'p', callback_url: 'http://hook.test/cb' }, 'HTTPS'],
    [{ prompt: 'p', callback_url: 'not a url' }, 'HTTPS'],
  ])('400 for %j', (body, words) => {
    const rejection = rejectionOf(body)
    expect(rejection?.status).toBe(400)
    expect(String(rejection?.body.detail)).toContain(words)
  })

  it('counts characters, not UTF-16 units: 4000 emoji are allowed', () => {
    expect(validateGenerateBody({ prompt: '🐱'.repeat(4000) }).ok).toBe(true)
  })

  it.each([
    [{}],
    [{ prompt: 42 }],
    [{ prompt: 'p', images: 'one' }],
    [{ prompt: 'p', images: [1] }],
    [{ prompt: 'p', aspect_ratio: 3 }],
    [[]],
    ['text'],
    [null],
  ])('422 with a FastAPI issue list for %j', (body) => {
    const rejection = rejectionOf(body)
    expect(rejection?.status).toBe(422)
    expect(Array.isArray(rejection?.body.detail)).toBe(true)
  })
})

describe('acceptReferences', () => {
  it('accepts URLs, data URIs and bare base64 of JPEG, PNG and WEBP', async () => {
    const result = await acceptReferences([
      'https://cdn.test/a.jpg',
      `data:image/jpeg;base64,${jpeg.toString('base64')}`,
      `data:image/png;base64,${png.toString('base64')}`,
      webp.toString('base64'),
    ])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.references.map((r) => (r.kind === 'url' ? 'url' : r.format))).toEqual(['url', 'jpeg', 'png', 'webp'])
    const first = result.references[1]
    expect(first?.kind === 'image' && [first.width, first.height]).toEqual([24, 16])
  })

  it.each([
    ['a GIF in a data URI that claims PNG', () => `data:image/png;base64,${gif.toString('base64')}`],
    ['bare base64 of a GIF', () => gif.toString('base64')],
    ['base64 of text', () => Buffer.from('definitely not an image at all').toString('base64')],
    ['a truncated PNG header', () => `data:image/png;base64,${png.subarray(0, 12).toString('base64')}`],
  ])('"Invalid image format" for %s', async (_name, make) => {
    const result = await acceptReferences([make()])
    expect(result.ok ? null : result.rejection).toEqual({ status: 400, body: { detail: 'Invalid image format' } })
  })

  it.each([
    ['a gif data URI', 'data:image/gif;base64,R0lGODlhAQABAAAAACw='],
    ['a file URL', 'file:///etc/passwd'],
    ['prose', 'this is a picture of my cat'],
    ['a data URI without base64', 'data:image/png,abc'],
  ])('"images format invalid" for %s', async (_name, value) => {
    const result = await acceptReferences([value])
    expect(result.ok ? null : result.rejection).toEqual({
      status: 400,
      body: { detail: 'Validation error: images format invalid' },
    })
  })
})
