/**
 * The JSON sidecar written beside every exported image (`<id>.json`): what the
 * library knows about the generation — prompt, ratio, price, times, status,
 * references and lineage — in a documented, versioned shape. Read back with
 * zod on import; unknown extra fields are tolerated, file names are plain
 * names inside the folder (never a path that could lead elsewhere).
 */
import { z } from 'zod'
import {
  AspectRatio,
  DecimalString,
  ErrorInfo,
  GenerationStatus,
  ReferenceInfo,
  type Generation,
} from '../../../shared/domain'

export const SIDECAR_FORMAT = 'atelier.generation'
export const SIDECAR_VERSION = 1
/** Reference files live in this subfolder of an export. */
export const REFS_FOLDER = 'refs'

/** Ids and file names that stay inside a folder whatever the platform. */
export const SafeId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,255}$/, 'an id of letters, digits, ".", "_", ":" or "-"')
const FileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/, 'a plain file name')
/** A prepared reference is named by its sha256 and is always one of these raster formats. */
const RefFile = z.string().regex(/^refs\/[0-9a-f]{64}\.(jpg|png|webp)$/, 'a file refs/<sha256>.jpg, .png or .webp')
const Iso = z.iso.datetime({ offset: true })
/** A prompt as an export (or the library's own copy, core/extras) may carry one: generous, but bounded. */
export const PromptText = z.string().max(100_000)

export const SidecarImage = z.object({
  file: FileName,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mime: z.string(),
})

export const SidecarReference = ReferenceInfo.extend({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,256}$/),
  /** The prepared reference file inside the export (`refs/<hash>.jpg`), null for URL references. */
  file: RefFile.nullable(),
})

export const Sidecar = z.object({
  format: z.literal(SIDECAR_FORMAT),
  version: z.number().int().min(1),
  exportedAt: Iso,
  generation: z.object({
    id: SafeId,
    taskUuid: z.string().max(256).nullable(),
    status: GenerationStatus,
    prompt: PromptText,
    aspectRatio: AspectRatio,
    callbackUrl: z.string().max(4096).nullable(),
    price: DecimalString.nullable(),
    createdAt: Iso,
    submittedAt: Iso.nullable(),
    finishedAt: Iso.nullable(),
    durationMs: z.number().int().nonnegative().nullable(),
    error: ErrorInfo.nullable(),
    remoteUrl: z.string().max(8192).nullable(),
    favorite: z.boolean(),
    image: SidecarImage.nullable(),
    references: z.array(SidecarReference).max(16),
  }),
  /** Where it came from (generation ids of the earlier results it used) and what was made from it. */
  lineage: z.object({
    parents: z.array(z.string()),
    children: z.array(z.string()),
  }),
})
export type Sidecar = z.infer<typeof Sidecar>

export function toSidecar(input: {
  generation: Generation
  imageFile: string | null
  referenceFiles: Map<string, string>
  lineage: { parents: string[]; children: string[] }
  exportedAt: string
  durationMs: number | null
}): Sidecar {
  const g = input.generation
  return {
    format: SIDECAR_FORMAT,
    version: SIDECAR_VERSION,
    exportedAt: input.exportedAt,
    generation: {
      id: g.id,
      taskUuid: g.taskUuid,
      status: g.status,
      prompt: g.prompt,
      aspectRatio: g.aspectRatio,
      callbackUrl: g.callbackUrl,
      price: g.price,
      createdAt: g.createdAt,
      submittedAt: g.submittedAt,
      finishedAt: g.finishedAt,
      durationMs: input.durationMs,
      error: g.error,
      remoteUrl: g.remoteUrl,
      favorite: g.favorite,
      image:
        g.image && input.imageFile
          ? {
              file: input.imageFile,
              width: g.image.width,
              height: g.image.height,
              bytes: g.image.bytes,
              sha256: g.image.sha256,
              mime: g.image.mime,
            }
          : null,
      references: g.references.map((reference) => ({
        ...reference,
        file: input.referenceFiles.get(reference.id) ?? null,
      })),
    },
    lineage: input.lineage,
  }
}
