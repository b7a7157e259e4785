/** Reference images: preparation, refusals and the request payload. See docs/references.md. */
export { createReferencesFeature, type ReferencesCommand, type ReferencesDeps } from './handlers'
export { ReferenceRefusedError, isReferenceRefusal, type ReferenceRefusalCode } from './errors'
export { readImageInfo, type ImageInfo } from './inspect'
export { DEFAULT_ENCODING, type ReferenceEncoding } from './encode'
export { createLimiter, PREPARATION_CONCURRENCY } from './parallel'
export {
  DEFAULT_MAX_EDGE,
  REFS_FOLDER,
  prepareReferenceBytes,
  referenceToPayload,
  type PrepareBytesInput,
  type PrepareBytesOptions,
} from './prepare'
export { MAX_INPUT_BYTES, MAX_INPUT_PIXELS } from './refusals'
export { sniffFormat, type SniffedFormat } from './sniff'
export {
  DEFAULT_URL_MAX_BYTES,
  DEFAULT_URL_TIMEOUT_MS,
  URL_PREVIEW_EDGE,
  prepareReferenceUrl,
  type PrepareUrlOptions,
} from './url'
