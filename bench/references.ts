/**
 * Reference preparation benchmark: four 24 MP camera-like JPEGs turned into the
 * request's `images` payload (prepareReferenceBytes + referenceToPayload).
 *
 * - Time, as a ratio against a bare sharp resize-to-2048 + JPEG encode of the
 *   same files with the same encoder settings, measured in the same run: what
 *   our checks, hashing, atomic write and read-back cost on top of the
 *   unavoidable work. Target ≤ 1.15×.
 * - Payload bytes against naive base64 of the originals. Target ≤ 10 %.
 *
 * Run: npx tsx bench/references.ts
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import sharp from 'sharp'
import { jpegOptions } from '../electron/core/references/encode'
import { DEFAULT_JPEG_QUALITY, DEFAULT_MAX_EDGE, prepareReferenceBytes, referenceToPayload } from '../electron/core/references/prepare'
import { fromRaw, photoLike, tempFolder } from '../tests/support/testImages'

const WIDTH = 6000
const HEIGHT = 4000
const PHOTOS = 4
const ROUNDS = 3
const TIME_TARGET = 1.15
const BYTES_TARGET = 0.1

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
const verdict = (met: boolean) => (met ? 'met' : 'MISSED')
const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3)

/** Camera-like originals: smooth scene + texture + sensor grain, q92, with EXIF and GPS as phones write them. */
async function generatePhotos(dir: string): Promise<string[]> {
  const paths: string[] = []
  for (let seed = 1; seed <= PHOTOS; seed++) {
    const jpeg = await fromRaw(await photoLike(WIDTH, HEIGHT, seed, 1), WIDTH, HEIGHT, 3)
      .jpeg({ quality: 92 })
      .withExif({
        IFD0: { Make: 'BenchCam', Model: 'B-24' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 0/1' },
      })
      .toBuffer()
    const path = join(dir, `IMG_000${seed}.JPG`)
    await writeFile(path, jpeg)
    paths.push(path)
  }
  return paths
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await run()
  return { ms: performance.now() - start, value }
}

export async function runReferencesBench(): Promise<string[]> {
  const folder = await tempFolder('atelier-bench-refs-')
  try {
    const originals = await Promise.all((await generatePhotos(folder.dir)).map((path) => readFile(path)))
    const originalBytes = originals.reduce((sum, bytes) => sum + bytes.byteLength, 0)
    const encoder = jpegOptions(DEFAULT_JPEG_QUALITY)

    const bare = (options = encoder) =>
      timed(async () => {
        let bytes = 0
        for (const original of originals) {
          const out = await sharp(original)
            .resize({ width: DEFAULT_MAX_EDGE, height: DEFAULT_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
            .jpeg(options)
            .toBuffer()
          bytes += out.byteLength
        }
        return bytes
      })

    let round = 0
    const ours = () =>
      timed(async () => {
        // A fresh library each round: every file is really written, never found already there.
        const dataDir = join(folder.dir, `library-${round++}`)
        await mkdir(dataDir)
        const payloads: string[] = []
        for (const [i, original] of originals.entries()) {
          const reference = await prepareReferenceBytes({ bytes: original, name: `IMG_000${i + 1}.JPG` }, { refsDir: join(dataDir, 'refs') })
          payloads.push(await referenceToPayload(reference, (rel) => join(dataDir, rel)))
        }
        return payloads
      })

    // Warm-up (first sharp call, code paths, file cache), then alternate so drift hits both sides.
    await bare()
    await ours()
    const bareTimes: number[] = []
    const ourTimes: number[] = []
    let payloads: string[] = []
    for (let i = 0; i < ROUNDS; i++) {
      bareTimes.push((await bare()).ms)
      const run = await ours()
      ourTimes.push(run.ms)
      payloads = run.value
    }
    const libjpeg = await bare({ quality: DEFAULT_JPEG_QUALITY })
    const mozjpegBytes = (await bare()).value

    const ratio = median(ourTimes) / median(bareTimes)
    const payloadBytes = payloads.reduce((sum, payload) => sum + payload.length, 0)
    const naiveBytes = originals.reduce((sum, bytes) => sum + 'data:image/jpeg;base64,'.length + base64Length(bytes.byteLength), 0)
    const share = payloadBytes / naiveBytes

    return [
      `references: ${PHOTOS} × ${WIDTH}×${HEIGHT} JPEGs, ${megabytes(originalBytes)} in all (${megabytes(originalBytes / PHOTOS)} each), median of ${ROUNDS} rounds`,
      `references: prepare + payload ${median(ourTimes).toFixed(0)} ms vs bare sharp resize+encode ${median(bareTimes).toFixed(0)} ms → ${ratio.toFixed(2)}× (target ≤ ${TIME_TARGET}×) ${verdict(ratio <= TIME_TARGET)}`,
      `references: payload ${megabytes(payloadBytes)} vs naive base64 of the originals ${megabytes(naiveBytes)} → ${(share * 100).toFixed(1)} % (target ≤ ${BYTES_TARGET * 100} %) ${verdict(share <= BYTES_TARGET)}`,
      `references: (info) encoder: mozjpeg ${megabytes(mozjpegBytes)} vs plain libjpeg ${megabytes(libjpeg.value)} at q${DEFAULT_JPEG_QUALITY}; libjpeg bare run ${libjpeg.ms.toFixed(0)} ms`,
    ]
  } finally {
    await folder.remove()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runReferencesBench()) console.log(line)
}
