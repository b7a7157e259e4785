/**
 * Findings 2 and 8 — an import folder is someone else's. Against the real core
 * (real SQLite, real sharp): a folder exported by one library is copied into
 * another library's transfers/ and salted with hostile files — an SVG with a
 * <script>, an HTML page, a link to a file outside, a FIFO named *.json, a huge
 * file, a file whose hash does not match. Each is refused with a sentence of
 * its own in the import report, nothing but raster images lands in images/ or
 * refs/, and the honest generation still comes in whole.
 */
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { cp, readdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { finishedGeneration, liveCore, ok, startSimulator } from './support/generation'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

/** A library with one finished generation made from one reference, exported into its transfers/out. */
async function exportedLibrary() {
  const sim = await startSimulator(cleanups)
  const source = await liveCore(sim.url, cleanups)
  const id = await finishedGeneration(source)
  const exported = ok<{ generations: number; folder: string }>(
    await source.core.router.dispatch('library.export', { ids: null, folder: { kind: 'transfers', name: 'out' } }),
  )
  expect(exported.generations).toBe(1)
  return { sim, source, id, folder: exported.folder }
}

async function png(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 32, height: 32, channels: 3, background: { r: seed, g: 255 - seed, b: 99 } } })
    .png()
    .toBuffer()
}

describe('import refuses hostile files, one sentence each', () => {
  it('refuses SVG, HTML, links, FIFOs, huge files and hash mismatches; the honest generation comes in whole', async () => {
    const { sim, source, id, folder } = await exportedLibrary()
    const target = await liveCore(sim.url, cleanups)
    const incoming = join(target.dataDir, 'transfers', 'incoming')
    await cp(folder, incoming, { recursive: true })
    const template = JSON.parse(await readFile(join(incoming, `${id}.json`), 'utf8'))
    const honestRef: string = template.generation.references[0].file

    /** Another sidecar like the honest one, with its own id, task and image. */
    const variant = async (
      name: string,
      image: { file: string; sha256: string } | null,
      references = template.generation.references,
    ) => {
      const sidecar = structuredClone(template)
      sidecar.generation.id = name
      sidecar.generation.taskUuid = `task-${name}`
      sidecar.generation.image = image && { ...template.generation.image, ...image }
      sidecar.generation.references = references
      await writeFile(join(incoming, `${name}.json`), JSON.stringify(sidecar))
    }

    // An SVG with a script, as the result image (named .svg) and disguised as a reference (refs/<its hash>.png).
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>parent.atelier.request("key.status")</script></svg>'
    await writeFile(join(incoming, 'svg-image.svg'), svg)
    await variant('svg-image', { file: 'svg-image.svg', sha256: sha256(svg) })
    await writeFile(join(incoming, 'refs', `${sha256(svg)}.png`), svg)
    const svgRef = { ...template.generation.references[0], id: sha256(svg), file: `refs/${sha256(svg)}.png` }
    const carrier = await png(3)
    await writeFile(join(incoming, 'svg-ref-carrier.png'), carrier)
    await variant('svg-ref-carrier', { file: 'svg-ref-carrier.png', sha256: sha256(carrier) }, [svgRef])
    // A reference whose sidecar claims an .svg name never passes the sidecar's pattern.
    await variant('svg-ref-name', { file: 'svg-ref-carrier.png', sha256: sha256(await png(4)) }, [
      { ...svgRef, file: `refs/${sha256(svg)}.svg` },
    ])
    // An HTML page named like an image.
    const html = '<!doctype html><script>fetch("/media/../library.db")</script>'
    await writeFile(join(incoming, 'html-image.png'), html)
    await variant('html-image', { file: 'html-image.png', sha256: sha256(html) })
    // A link to a file outside the folder (an image, so only the link is wrong).
    const outside = await png(5)
    await writeFile(join(source.dataDir, 'outside.png'), outside)
    await symlink(join(source.dataDir, 'outside.png'), join(incoming, 'linked.png'))
    await variant('linked', { file: 'linked.png', sha256: sha256(outside) })
    // A FIFO named like a sidecar: refused at once, never opened for a blocking read.
    execFileSync('mkfifo', [join(incoming, 'fifo.json')])
    // A huge (sparse) image file.
    await writeFile(join(incoming, 'huge.png'), await png(6))
    await truncate(join(incoming, 'huge.png'), 101 * 1024 * 1024)
    await variant('huge', { file: 'huge.png', sha256: sha256('whatever') })
    // A real PNG that is not the one its sidecar describes.
    await writeFile(join(incoming, 'swapped.png'), await png(7))
    await variant('swapped', { file: 'swapped.png', sha256: sha256(await png(8)) })

    const report = ok<{ imported: number; invalid: number; problems: string[] }>(
      await target.core.router.dispatch('library.import', { folder: { kind: 'transfers', name: 'incoming' } }),
    )
    const problems = report.problems.join('\n')
    expect(problems).toMatch(/svg-image: svg-image\.svg: SVG, not an image type/)
    expect(problems).toMatch(new RegExp(`svg-ref-carrier: reference refs/${sha256(svg)}\\.png: SVG, not an image type`))
    expect(problems).toMatch(/svg-ref-name\.json: generation\.references\.0\.file a file refs\/<sha256>/)
    expect(problems).toMatch(/html-image: html-image\.png: not an image, not an image type/)
    expect(problems).toMatch(/linked: linked\.png: a link to another file, not a file \(links are not followed\)/)
    expect(problems).toMatch(/fifo\.json: not a regular file/)
    expect(problems).toMatch(/huge: huge\.png: larger than 100 MB/)
    expect(problems).toMatch(/swapped: swapped\.png: not the file its sidecar describes \(sha256 differs\)/)

    // The honest generation, and the carrier (its image is fine; its reference was refused and is shown as missing).
    expect(report.imported).toBe(2)
    const honest = ok<{ image: { path: string; mime: string }; references: Array<{ path: string | null }> }>(
      await target.core.router.dispatch('generation.get', { id }),
    )
    expect(honest.references[0]!.path).toBe(honestRef)
    expect(await readFile(join(target.dataDir, honestRef))).toEqual(await readFile(join(incoming, honestRef)))
    expect(honest.image.mime).toBe('image/png')
    const carried = ok<{ references: Array<{ path: string | null }> }>(
      await target.core.router.dispatch('generation.get', { id: 'svg-ref-carrier' }),
    )
    expect(carried.references[0]!.path).toBeNull()

    // Nothing but raster images under the media folders; nothing active can be served from /media.
    for (const media of ['images', 'refs', 'thumbs']) {
      for (const name of await readdir(join(target.dataDir, media))) {
        expect(name, `${media}/${name}`).toMatch(/\.(png|jpg|webp)$/)
        const head = (await readFile(join(target.dataDir, media, name))).subarray(0, 64).toString('latin1')
        expect(head, `${media}/${name}`).not.toMatch(/<svg|<!doctype|<script/i)
      }
    }
    await expect(readFile(join(target.dataDir, 'refs', `${sha256(svg)}.png`))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('a normal export and import round trip still works, and importing twice adds nothing', async () => {
    const { sim, id, folder } = await exportedLibrary()
    const target = await liveCore(sim.url, cleanups)
    await cp(folder, join(target.dataDir, 'transfers', 'copy'), { recursive: true })
    const choice = { folder: { kind: 'transfers', name: 'copy' } }
    expect(ok(await target.core.router.dispatch('library.import', choice))).toMatchObject({
      imported: 1,
      invalid: 0,
      problems: [],
    })
    expect(ok(await target.core.router.dispatch('library.import', choice))).toMatchObject({ imported: 0, existing: 1 })
    const generation = ok<{ status: string; prompt: string }>(
      await target.core.router.dispatch('generation.get', { id }),
    )
    expect(generation).toMatchObject({ status: 'completed', prompt: 'an honest image' })
  })
})
