/**
 * Fetches a finished image into the library so that a file in `images/` is
 * always whole: stream to `tmp/<id>.….part` (hashing as it goes), fsync, decode
 * every pixel with sharp, embed the recipe (metadata only, no re-encoding; see
 * docs/recipe.md), make the thumbnail (also in tmp/, fsynced), then rename both
 * into place and fsync the folders. The caller marks the row completed only
 * after this returns. Our Authorization header is never sent: the result URL
 * belongs to the provider's storage, not the API.
 */
import { createHash } from 'node:crypto'
import { open, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ImageFileInfo } from '../../../shared/domain'
import { embedRecipe, RecipeError, type Recipe } from '../recipe'
import { DownloadError, isDiskError } from './errors'
import { writeGridThumbnailBeside } from './gridThumbnail'
import { ensureResultDirs, fsyncDir, fsyncFile, removeQuietly, resultPaths, temporaryPath } from './files'
import { decodeWhole, writeThumbnail } from './image'

export type DownloadPhase = 'download:streaming' | 'download:verified' | 'download:thumbnail' | 'download:renamed'

export interface DownloadOptions {
  /** The generation id; it names the files (`images/<id>.<ext>`, `thumbs/<id>.webp`). */
  id: string
  /** The library folder. */
  dataDir: string
  fetch?: typeof fetch
  signal?: AbortSignal
  /** For the whole download, body included. Default 120 s. */
  timeoutMs?: number
  /** Default 100 MiB. */
  maxBytes?: number
  /** Debugging/testing hook, called synchronously at each step. */
  onPhase?: (phase: DownloadPhase) => void
  /** Written into the file before it is renamed into place, so an image in the library always carries it. */
  recipe?: Recipe
  /**
   * The image could not carry the recipe (e.g. too large for a JPEG segment):
   * it is kept as delivered — a paid result is never refused for its metadata.
   */
  onRecipeSkipped?: (error: RecipeError) => void
}

const DEFAULT_TIMEOUT_MS = 120_000
const DEFAULT_MAX_BYTES = 100 * 1024 * 1024

function checkUrl(url: string): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new DownloadError('bad_url', 'The result link is not a valid URL.')
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new DownloadError('bad_url', 'The result link is not an http(s) URL.')
  }
  return parsed
}

function requestFailure(
  error: unknown,
  outer: AbortSignal | undefined,
  timeout: AbortSignal,
  during: string,
): DownloadError {
  if (error instanceof DownloadError) return error
  if (outer?.aborted) return new DownloadError('aborted', `The download was stopped ${during}.`, null, { cause: error })
  if (timeout.aborted) return new DownloadError('timeout', `The download timed out ${during}.`, null, { cause: error })
  if (isDiskError(error)) {
    return new DownloadError(
      'disk',
      'The image could not be written to the library folder (disk full or read-only?).',
      null,
      {
        cause: error,
      },
    )
  }
  return new DownloadError('network', `The connection failed ${during}.`, null, { cause: error })
}

function contentLength(response: Response): number | null {
  const header = response.headers.get('content-length')
  if (header === null || !/^\d+$/.test(header.trim())) return null
  return Number(header)
}

/** Rewrites the verified part file with the recipe in it; null when the image cannot carry one. */
async function embedInPart(
  imagePart: string,
  recipe: Recipe,
  onSkipped: DownloadOptions['onRecipeSkipped'],
  timeout: AbortSignal,
): Promise<{ bytes: number; sha256: string } | null> {
  let embedded: Buffer
  try {
    embedded = embedRecipe(await readFile(imagePart), recipe)
  } catch (error) {
    if (!(error instanceof RecipeError)) throw requestFailure(error, undefined, timeout, 'while adding the recipe')
    onSkipped?.(error)
    return null
  }
  try {
    await writeFile(imagePart, embedded)
    await fsyncFile(imagePart)
  } catch (error) {
    throw requestFailure(error, undefined, timeout, 'while adding the recipe')
  }
  return { bytes: embedded.byteLength, sha256: createHash('sha256').update(embedded).digest('hex') }
}

export async function downloadResult(url: string, options: DownloadOptions): Promise<ImageFileInfo> {
  checkUrl(url)
  const fetchFn = options.fetch ?? globalThis.fetch
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
  const paths = resultPaths(options.dataDir)
  await ensureResultDirs(paths)
  const imagePart = temporaryPath(paths, options.id, 'image')
  const thumbPart = temporaryPath(paths, options.id, 'thumb')

  try {
    let response: Response
    try {
      // Deliberately a bare request: no Authorization, no cookies, nothing of ours.
      response = await fetchFn(url, { signal, redirect: 'follow', headers: { accept: 'image/*' } })
    } catch (error) {
      throw requestFailure(error, options.signal, timeout, 'before the server answered')
    }
    if (response.status === 403 || response.status === 404 || response.status === 410) {
      await response.body?.cancel().catch(() => {})
      throw new DownloadError(
        'expired',
        `The result link answered HTTP ${response.status}: it has expired or was removed.`,
        response.status,
      )
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => {})
      throw new DownloadError('http', `The result link answered HTTP ${response.status}.`, response.status)
    }
    const expected = contentLength(response)
    if (expected !== null && expected > maxBytes) {
      await response.body.cancel().catch(() => {})
      throw new DownloadError('too_large', `The result is larger than ${Math.round(maxBytes / 1048576)} MiB.`)
    }

    const hash = createHash('sha256')
    let bytes = 0
    const file = await open(imagePart, 'w').catch((error: unknown) => {
      throw requestFailure(error, options.signal, timeout, 'while saving')
    })
    try {
      // A reader loop rather than `for await`: it type-checks under both the Node and DOM stream typings.
      const reader = response.body.getReader()
      for (;;) {
        const { done, value: chunk } = await reader.read()
        if (done) break
        bytes += chunk.byteLength
        if (bytes > maxBytes)
          throw new DownloadError('too_large', `The result is larger than ${Math.round(maxBytes / 1048576)} MiB.`)
        hash.update(chunk)
        await file.write(chunk)
        if (bytes === chunk.byteLength) options.onPhase?.('download:streaming')
      }
      await file.sync()
    } catch (error) {
      if (
        expected !== null &&
        bytes < expected &&
        !options.signal?.aborted &&
        !timeout.aborted &&
        !isDiskError(error)
      ) {
        throw new DownloadError('truncated', `The download stopped after ${bytes} of ${expected} bytes.`, null, {
          cause: error,
        })
      }
      throw requestFailure(error, options.signal, timeout, 'while receiving the image')
    } finally {
      await file.close()
    }
    if (expected !== null && bytes !== expected) {
      throw new DownloadError('truncated', `The download stopped after ${bytes} of ${expected} bytes.`)
    }

    let decoded
    try {
      decoded = await decodeWhole(imagePart)
    } catch (error) {
      throw new DownloadError('corrupt', 'The downloaded file is not a whole image.', null, { cause: error })
    }
    if (!decoded) throw new DownloadError('corrupt', 'The downloaded file is not an image Atelier can keep.')
    options.onPhase?.('download:verified')

    let stored = { bytes, sha256: hash.digest('hex') }
    if (options.recipe)
      stored = (await embedInPart(imagePart, options.recipe, options.onRecipeSkipped, timeout)) ?? stored

    options.onPhase?.('download:thumbnail')
    try {
      await writeThumbnail(imagePart, thumbPart)
      await fsyncFile(thumbPart)
    } catch (error) {
      if (isDiskError(error)) throw requestFailure(error, undefined, timeout, 'while saving the thumbnail')
      throw new DownloadError('corrupt', 'The downloaded image could not be made into a thumbnail.', null, {
        cause: error,
      })
    }

    const imagePath = `images/${options.id}.${decoded.ext}`
    const thumbPath = `thumbs/${options.id}.webp`
    try {
      // Thumbnail first: a row is completed only once both are in place, and a
      // restart that finds the image re-makes a missing thumbnail.
      await rename(thumbPart, join(options.dataDir, thumbPath))
      await rename(imagePart, join(options.dataDir, imagePath))
      await Promise.all([fsyncDir(paths.thumbsDir), fsyncDir(paths.imagesDir)])
    } catch (error) {
      throw requestFailure(error, undefined, timeout, 'while moving the image into the library')
    }
    options.onPhase?.('download:renamed')
    // The grid's own size, now rather than when the grid first asks (shared/thumbnails.ts); a cache, so best effort.
    await writeGridThumbnailBeside(options.dataDir, thumbPath)

    return {
      path: imagePath,
      thumbPath,
      width: decoded.width,
      height: decoded.height,
      bytes: stored.bytes,
      sha256: stored.sha256,
      mime: decoded.mime,
    }
  } finally {
    await Promise.all([removeQuietly(imagePart), removeQuietly(thumbPart)])
  }
}
