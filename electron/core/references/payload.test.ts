import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ReferenceInfo } from '../../../shared/domain'
import { ReferenceRefusedError } from './errors'
import { prepareReferenceBytes, referenceToPayload } from './prepare'
import { solid, tempFolder } from '../../../tests/support/testImages'

let folder: Awaited<ReturnType<typeof tempFolder>>
beforeEach(async () => {
  folder = await tempFolder()
})
afterEach(async () => {
  await folder.remove()
})
const resolvePath = (rel: string) => join(folder.dir, rel)
const prepare = (bytes: Uint8Array, name: string) =>
  prepareReferenceBytes({ bytes, name }, { refsDir: join(folder.dir, 'refs') })

describe('referenceToPayload', () => {
  it('sends a prepared JPEG as a data URI of exactly the stored bytes', async () => {
    const reference = await prepare(await solid(40, 30, [200, 100, 50]).png().toBuffer(), 'a.png')
    const payload = await referenceToPayload(reference, resolvePath)
    expect(payload.startsWith('data:image/jpeg;base64,')).toBe(true)
    const sent = Buffer.from(payload.slice('data:image/jpeg;base64,'.length), 'base64')
    expect(sent.equals(await readFile(resolvePath(reference.path ?? '')))).toBe(true)
    expect(sent.byteLength).toBe(reference.preparedBytes)
  })

  it('sends a reference prepared as WEBP as a WEBP data URI', async () => {
    const input = await solid(40, 30, [200, 100, 50]).png().toBuffer()
    const reference = await prepareReferenceBytes(
      { bytes: input, name: 'a.png' },
      { refsDir: join(folder.dir, 'refs'), encoding: { format: 'webp', quality: 80, effort: 2 } },
    )
    expect((await referenceToPayload(reference, resolvePath)).startsWith('data:image/webp;base64,')).toBe(true)
  })

  it('sends a transparent reference as a PNG data URI', async () => {
    const reference = await prepare(await solid(8, 8, [0, 0, 0], 0.25).png().toBuffer(), 'shadow.png')
    expect((await referenceToPayload(reference, resolvePath)).startsWith('data:image/png;base64,')).toBe(true)
  })

  it('sends a URL reference as its link', async () => {
    const reference: ReferenceInfo = {
      id: 'x',
      kind: 'url',
      path: 'refs/url-x.jpg',
      url: 'https://images.example.com/cat.png',
      mime: 'image/png',
      width: 10,
      height: 10,
      originalBytes: 100,
      preparedBytes: null,
      sourceGenerationId: null,
      name: 'cat.png',
    }
    await expect(referenceToPayload(reference, resolvePath)).resolves.toBe('https://images.example.com/cat.png')
  })

  it('refuses a prepared file that was deleted or altered on disk', async () => {
    const reference = await prepare(await solid(16, 16, [9, 9, 9]).jpeg().toBuffer(), 'a.jpg')
    const path = resolvePath(reference.path ?? '')

    const altered = await readFile(path)
    altered[altered.length - 3] = (altered[altered.length - 3] ?? 0) ^ 0xff
    await writeFile(path, altered)
    await expect(referenceToPayload(reference, resolvePath)).rejects.toMatchObject({
      code: 'REFERENCE_MISSING',
      message: expect.stringContaining('changed or damaged'),
    })

    await rm(path)
    const error = await referenceToPayload(reference, resolvePath).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ReferenceRefusedError)
    expect(error).toMatchObject({
      code: 'REFERENCE_MISSING',
      message: expect.stringContaining('no longer in the library'),
    })
  })

  it('preparing the same photo again repairs a deleted prepared file', async () => {
    const input = await solid(16, 16, [9, 90, 9]).jpeg().toBuffer()
    const reference = await prepare(input, 'a.jpg')
    await rm(resolvePath(reference.path ?? ''))
    const again = await prepare(input, 'a.jpg')
    expect(again.id).toBe(reference.id)
    await expect(referenceToPayload(again, resolvePath)).resolves.toMatch(/^data:image\/jpeg;base64,/)
  })
})
