/**
 * Domain types shared by every process. Everything here is JSON-safe (ISO dates,
 * plain objects) so it survives both Electron's structured clone and the
 * browser-mode WebSocket.
 */
import { z } from 'zod'

/** What the user picks. `auto` means "send no aspect_ratio at all". */
export const AspectRatio = z.enum(['auto', '1:1', '4:3', '3:4'])
export type AspectRatio = z.infer<typeof AspectRatio>
export const ASPECT_RATIOS = AspectRatio.options

/** The ratios the API accepts on the wire (never "auto"). */
export const ApiAspectRatio = z.enum(['1:1', '4:3', '3:4'])
export type ApiAspectRatio = z.infer<typeof ApiAspectRatio>

export const PROMPT_MAX_LENGTH = 4000
export const MAX_REFERENCES = 4
export const MAX_VARIATIONS = 4

/** A USD amount as the provider sends it: a decimal string, never a float. */
export const DecimalString = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal amount such as "0.0123"')
export type DecimalString = z.infer<typeof DecimalString>

/**
 * The life of one generation, from the ledger's point of view (see
 * docs/task-engine.md). `unknown` means the POST got no answer: it may have been
 * charged, so it is never silently re-sent.
 */
export const GenerationStatus = z.enum([
  'queued',
  'submitting',
  'unknown',
  'rejected',
  'pending',
  'processing',
  'downloading',
  'completed',
  'failed',
])
export type GenerationStatus = z.infer<typeof GenerationStatus>

/** Where a generation ends: nothing more happens to it by itself. */
export const FINAL_STATUSES: readonly GenerationStatus[] = ['completed', 'failed', 'rejected', 'unknown']
export const isFinalStatus = (status: GenerationStatus): boolean => FINAL_STATUSES.includes(status)
/** Still being worked on: every status that is not final. */
export const ACTIVE_STATUSES: readonly GenerationStatus[] = GenerationStatus.options.filter(
  (status) => !isFinalStatus(status),
)
export const isActiveStatus = (status: GenerationStatus): boolean => ACTIVE_STATUSES.includes(status)

/** An error as it travels to the UI: a stable code plus a human sentence. */
export const ErrorInfo = z.object({
  /** Our code (e.g. `INSUFFICIENT_CREDITS`, `NETWORK`) or the provider's (`MODERATION_FAILED`). */
  code: z.string(),
  message: z.string(),
  /** The provider's raw detail, when it sent one. */
  detail: z.string().nullable().default(null),
})
export type ErrorInfo = z.infer<typeof ErrorInfo>

/** A reference image as stored in the library (prepared, content-addressed) or as a URL. */
export const ReferenceInfo = z.object({
  /** sha256 of the prepared bytes, or of the URL for URL references. */
  id: z.string(),
  kind: z.enum(['file', 'url']),
  /** Library-relative path of the prepared file (`refs/<hash>.jpg`), null for URL references. */
  path: z.string().nullable(),
  url: z.string().nullable(),
  mime: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Size of what the user gave us, and of what will be sent. */
  originalBytes: z.number().int().nullable(),
  preparedBytes: z.number().int().nullable(),
  /** The earlier generation this reference came from, if any (remix lineage). */
  sourceGenerationId: z.string().nullable(),
  name: z.string().nullable(),
})
export type ReferenceInfo = z.infer<typeof ReferenceInfo>

export const ImageFileInfo = z.object({
  /** Library-relative paths (`images/…`, `thumbs/…`); the transport turns them into URLs. */
  path: z.string(),
  thumbPath: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string(),
  mime: z.string(),
  /** The file was not on disk when the library last looked: shown as missing, never as an error. */
  missing: z.boolean().optional(),
})
export type ImageFileInfo = z.infer<typeof ImageFileInfo>

/** When something is waiting to try again, and why (shown in the queue). */
export const RetryInfo = z.object({
  reason: z.string(),
  at: z.iso.datetime(),
  attempt: z.number().int(),
})
export type RetryInfo = z.infer<typeof RetryInfo>

/**
 * What a generation rebuilt from its image's recipe could not get back (docs/recipe.md):
 * a field the recipe held as null, a file reference not found in refs/, a link reference
 * (recipes never keep URLs).
 */
export const RecoveredGap = z.union([
  z.object({ field: z.enum(['taskUuid', 'price', 'submittedAt', 'finishedAt']) }),
  z.object({ field: z.enum(['referenceFile', 'referenceUrl']), hash: z.string() }),
])
export type RecoveredGap = z.infer<typeof RecoveredGap>

export const Generation = z.object({
  /** Our id, assigned before anything leaves the machine. */
  id: z.string(),
  /** The provider's task uuid, once the POST has been answered. */
  taskUuid: z.string().nullable(),
  status: GenerationStatus,
  prompt: z.string(),
  aspectRatio: AspectRatio,
  references: z.array(ReferenceInfo),
  callbackUrl: z.string().nullable(),
  /** Decimal string in USD, as charged by the provider. */
  price: DecimalString.nullable(),
  createdAt: z.iso.datetime(),
  submittedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  error: ErrorInfo.nullable(),
  image: ImageFileInfo.nullable(),
  /** Where the provider put the result; kept so a failed download can be retried. */
  remoteUrl: z.string().nullable(),
  /** Running far past the usual time: still watched, more slowly. */
  stalled: z.boolean(),
  retry: RetryInfo.nullable(),
  favorite: z.boolean(),
  /** In the trash since then (files are kept until the trash is emptied); null or absent otherwise. */
  deletedAt: z.iso.datetime().nullable().optional(),
  /** Made by a batch (generation.createBatch): its members share this id; absent otherwise. */
  batchId: z.string().nullable().optional(),
  /** Rebuilt from its file's recipe (library.rebuild) with these gaps; absent for an ordinary row. */
  recoveredLacking: z.array(RecoveredGap).optional(),
  /** Monotonic per generation; the renderer ignores events older than what it has. */
  version: z.number().int(),
})
export type Generation = z.infer<typeof Generation>

/** Whole-engine state: paused for maintenance, a bad key or no network. */
export const EngineState = z.object({
  state: z.enum(['running', 'paused']),
  /** `storage`: the library refused a write (disk full, read-only); work waits so no task uuid is lost. */
  reason: z.enum(['maintenance', 'unauthorized', 'offline', 'no_key', 'storage']).nullable(),
  message: z.string().nullable(),
  /** When the engine will try again on its own. */
  retryAt: z.iso.datetime().nullable(),
})
export type EngineState = z.infer<typeof EngineState>
