/**
 * Every refusal's wording in one place: each says what is wrong and what to do.
 * `name` is what the user dropped; the messages quote it so a refusal among
 * four dropped photos says which one.
 */
import { ReferenceRefusedError } from './errors'
import { FORMAT_LABELS, type SniffedFormat } from './sniff'

export const MAX_INPUT_BYTES = 100 * 1024 * 1024
/** Decompression-bomb guard: checked from the header, before any pixel is decoded. */
export const MAX_INPUT_PIXELS = 100_000_000

const subject = (name: string): string => (name.trim() ? `“${name.trim()}”` : 'This file')
const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)
const READABLE = 'Use a JPEG, PNG, WEBP, AVIF, GIF or TIFF image.'
const DROP_INSTEAD = 'Download the image and drop the file into Atelier instead.'

export const refuse = {
  empty: (name: string) =>
    new ReferenceRefusedError(
      'REFERENCE_EMPTY',
      `${subject(name)} is empty (0 bytes). Pick the photo again, or export it anew.`,
    ),

  tooLarge: (name: string, bytes: number) =>
    new ReferenceRefusedError(
      'REFERENCE_TOO_LARGE',
      `${subject(name)} is ${megabytes(bytes)} MB; reference images can be at most ${megabytes(MAX_INPUT_BYTES)} MB. Export a smaller copy.`,
      { bytes, maxBytes: MAX_INPUT_BYTES },
    ),

  notImage: (name: string) =>
    new ReferenceRefusedError(
      'REFERENCE_NOT_IMAGE',
      `${subject(name)} is not an image, whatever its name says. ${READABLE}`,
    ),

  corrupt: (name: string, cause?: unknown) =>
    new ReferenceRefusedError(
      'REFERENCE_CORRUPT',
      `${subject(name)} is damaged or incomplete, so it can't be read. If it was still downloading or copying, wait and try again; otherwise export it again.`,
      undefined,
      { cause },
    ),

  tooManyPixels: (name: string, width: number, height: number) =>
    new ReferenceRefusedError(
      'REFERENCE_TOO_MANY_PIXELS',
      `${subject(name)} is ${width} × ${height} pixels (${Math.round((width * height) / 1e6)} megapixels); Atelier reads images up to ${MAX_INPUT_PIXELS / 1e6} megapixels. Export a smaller copy.`,
      { width, height, maxPixels: MAX_INPUT_PIXELS },
    ),

  svg: (name: string) =>
    new ReferenceRefusedError(
      'REFERENCE_SVG',
      `${subject(name)} is an SVG drawing. SVG drawings can't be used as references; export it as PNG.`,
    ),

  unsupported: (name: string, format: SniffedFormat, cause?: unknown) => {
    const message =
      format === 'heic'
        ? "HEIC photos can't be read on this system; export as JPEG."
        : format === 'bmp'
          ? "BMP images can't be read on this system; save it as PNG or JPEG."
          : `${FORMAT_LABELS[format]} files can't be read on this system; export it as JPEG or PNG.`
    return new ReferenceRefusedError(
      'REFERENCE_UNSUPPORTED',
      name.trim() ? `${subject(name)}: ${message}` : message,
      { format },
      { cause },
    )
  },

  urlInvalid: (url: string) => {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase()
    const message = scheme
      ? `“${scheme}:” links can't be used as references: only http:// and https:// links can be reached by the service. Drop the image file itself instead.`
      : "That doesn't look like a web address. Paste a link that starts with https://, or drop the image file itself."
    return new ReferenceRefusedError('REFERENCE_URL_INVALID', message, scheme ? { scheme } : undefined)
  },

  /**
   * One sentence for every way a link fails before its body arrives (a refused
   * address, no answer, a closed port, an HTTP error, a timeout): telling them
   * apart would let a page map which local ports are open. The real reason is
   * kept as the error's cause, for the log only.
   */
  urlUnreachable: (detail: { cause?: unknown } = {}) =>
    new ReferenceRefusedError(
      'REFERENCE_URL_UNREACHABLE',
      `The link couldn't be reached. ${DROP_INSTEAD}`,
      { reason: 'unreachable' },
      { cause: detail.cause },
    ),

  urlTooLarge: (maxBytes: number) =>
    new ReferenceRefusedError(
      'REFERENCE_URL_UNREACHABLE',
      `The image at the link is larger than ${megabytes(maxBytes)} MB. ${DROP_INSTEAD}`,
      {
        reason: 'too_large',
      },
    ),

  urlNotImage: (cause?: unknown) =>
    new ReferenceRefusedError(
      'REFERENCE_URL_UNREACHABLE',
      `The link doesn't lead to an image Atelier can read (it may be a web page). ${DROP_INSTEAD}`,
      { reason: 'not_image' },
      { cause },
    ),

  urlUnsupported: (format: SniffedFormat) =>
    new ReferenceRefusedError(
      'REFERENCE_URL_UNSUPPORTED',
      `The link points to a ${FORMAT_LABELS[format]} image; the service only takes JPEG, PNG or WEBP links. ${DROP_INSTEAD} Atelier converts it.`,
      { format },
    ),

  missing: (path: string, why: 'gone' | 'changed', cause?: unknown) =>
    new ReferenceRefusedError(
      'REFERENCE_MISSING',
      why === 'gone'
        ? 'The prepared copy of this reference is no longer in the library folder. Add the photo again.'
        : 'The prepared copy of this reference was changed or damaged on disk. Add the photo again.',
      { path },
      { cause },
    ),
}
