import { describe, expect, it } from 'vitest'
import { dataUriRequest, imageSourcesFromHtml, requestsFromDataTransfer } from './referenceSources'

describe('imageSourcesFromHtml', () => {
  it('finds the picture a browser puts in dragged HTML, not the link around it', () => {
    const html =
      '<meta charset="utf-8"><a href="https://example.com/page"><img alt="fox" class=x src="https://cdn.example.com/fox.jpg?w=800&amp;q=80"></a>'
    expect(imageSourcesFromHtml(html)).toEqual(['https://cdn.example.com/fox.jpg?w=800&q=80'])
  })

  it('takes every quoting style and inline images, and skips what cannot be reached', () => {
    const html = `<IMG SRC='http://a.example/1.png'><img data-src="x" src=https://b.example/2.webp><img src="/relative.png"><img src="data:image/png;base64,iVBORw0KGgo="><img src="javascript:alert(1)">`
    expect(imageSourcesFromHtml(html)).toEqual([
      'http://a.example/1.png',
      'https://b.example/2.webp',
      'data:image/png;base64,iVBORw0KGgo=',
    ])
  })
})

describe('dataUriRequest', () => {
  it('turns an inline image into its bytes', async () => {
    const request = dataUriRequest('data:image/jpeg;base64,/9j/4AA=')!
    expect(request.label).toBe('dropped-image.jpg')
    const source = typeof request.source === 'function' ? await request.source() : request.source
    expect(source).toEqual({
      kind: 'bytes',
      name: 'dropped-image.jpg',
      bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00]),
    })
  })

  it('ignores what is not an image', () => {
    expect(dataUriRequest('data:text/html,<b>hi</b>')).toBeNull()
    expect(dataUriRequest('https://example.com/a.png')).toBeNull()
  })
})

describe('requestsFromDataTransfer', () => {
  /** Just enough of a DataTransfer for the parts these functions read. */
  const transfer = (data: Record<string, string>): DataTransfer =>
    ({
      files: [] as unknown as FileList,
      types: Object.keys(data),
      getData: (type: string) => data[type] ?? '',
    }) as unknown as DataTransfer

  it('uses images dragged from the library as themselves, not as links', () => {
    const requests = requestsFromDataTransfer(
      transfer({
        'application/x-atelier-generation': '["a","b"]',
        'text/uri-list': 'http://127.0.0.1:1234/media/images/a.png',
      }),
    )
    expect(requests.map((r) => r.source)).toEqual([
      { kind: 'generation', generationId: 'a' },
      { kind: 'generation', generationId: 'b' },
    ])
  })

  it('falls back to the link when the library payload is unreadable', () => {
    const requests = requestsFromDataTransfer(
      transfer({ 'application/x-atelier-generation': 'not json', 'text/uri-list': 'https://example.com/cat.png' }),
    )
    expect(requests.map((r) => r.source)).toEqual([{ kind: 'url', url: 'https://example.com/cat.png' }])
  })
})
