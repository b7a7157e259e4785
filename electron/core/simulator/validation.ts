/**
 * The generate endpoint's input rules, as documented: structural problems
 * (malformed JSON, missing or mistyped fields) are FastAPI-style 422 lists;
 * rule violations (prompt length, ratio, image count and format, callback
 * scheme) are 400 with a `detail` sentence.
 */
import { inspectImage, parseReference, type AcceptedReference } from './references'

export const PROMPT_MAX = 4000
export const IMAGES_MAX = 4
const RATIOS = ['1:1', '4:3', '3:4'] as const
export type SimRatio = (typeof RATIOS)[number]

export interface Rejection {
  status: 400 | 422
  body: { detail: unknown }
}

export interface GenerateInput {
  prompt: string
  aspectRatio: SimRatio | null
  images: string[]
  callbackUrl: string | null
}

interface FieldIssue {
  type: string
  loc: (string | number)[]
  msg: string
}

const badRequest = (detail: string): Rejection => ({ status: 400, body: { detail } })
const unprocessable = (issues: FieldIssue[]): Rejection => ({ status: 422, body: { detail: issues } })

export function jsonDecodeRejection(error: unknown): Rejection {
  const reason = error instanceof Error ? error.message : 'invalid JSON'
  return unprocessable([{ type: 'json_invalid', loc: ['body', 0], msg: `JSON decode error: ${reason}` }])
}

const isAbsent = (value: unknown): boolean => value === undefined || value === null

function structuralIssues(body: unknown): FieldIssue[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object' }]
  }
  const record = body as Record<string, unknown>
  const issues: FieldIssue[] = []
  if (record.prompt === undefined) issues.push({ type: 'missing', loc: ['body', 'prompt'], msg: 'Field required' })
  else if (typeof record.prompt !== 'string')
    issues.push({ type: 'string_type', loc: ['body', 'prompt'], msg: 'Input should be a valid string' })
  for (const field of ['aspect_ratio', 'callback_url'] as const) {
    if (!isAbsent(record[field]) && typeof record[field] !== 'string') {
      issues.push({ type: 'string_type', loc: ['body', field], msg: 'Input should be a valid string' })
    }
  }
  const images = record.images
  if (!isAbsent(images)) {
    if (!Array.isArray(images))
      issues.push({ type: 'list_type', loc: ['body', 'images'], msg: 'Input should be a valid list' })
    else
      images.forEach((item, index) => {
        if (typeof item !== 'string')
          issues.push({ type: 'string_type', loc: ['body', 'images', index], msg: 'Input should be a valid string' })
      })
  }
  return issues
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:'
  } catch {
    return false
  }
}

/** Synchronous checks: shape, lengths, enums, counts. Extra fields are ignored, as FastAPI does. */
export function validateGenerateBody(
  body: unknown,
): { ok: true; input: GenerateInput } | { ok: false; rejection: Rejection } {
  const issues = structuralIssues(body)
  if (issues.length > 0) return { ok: false, rejection: unprocessable(issues) }
  const record = body as Record<string, unknown>
  const prompt = record.prompt as string
  const aspectRatio = (record.aspect_ratio ?? null) as string | null
  const images = (record.images ?? []) as string[]
  const callbackUrl = (record.callback_url ?? null) as string | null

  // Python counts code points, not UTF-16 units.
  const promptLength = [...prompt].length
  if (promptLength < 1 || promptLength > PROMPT_MAX) {
    return { ok: false, rejection: badRequest(`Validation error: prompt length must be between 1 and ${PROMPT_MAX}`) }
  }
  if (aspectRatio !== null && !(RATIOS as readonly string[]).includes(aspectRatio)) {
    return { ok: false, rejection: badRequest(`Validation error: aspect_ratio must be one of ${RATIOS.join(', ')}`) }
  }
  if (images.length > IMAGES_MAX) {
    return { ok: false, rejection: badRequest(`Validation error: at most ${IMAGES_MAX} images are allowed`) }
  }
  if (callbackUrl !== null && !isHttpsUrl(callbackUrl)) {
    return { ok: false, rejection: badRequest('Validation error: callback_url must be an HTTPS URL') }
  }
  return { ok: true, input: { prompt, aspectRatio: aspectRatio as SimRatio | null, images, callbackUrl } }
}

/** Decodes and sniffs every reference; the first bad one rejects the request. */
export async function acceptReferences(
  images: string[],
): Promise<{ ok: true; references: AcceptedReference[] } | { ok: false; rejection: Rejection }> {
  const references: AcceptedReference[] = []
  for (const image of images) {
    const parsed = parseReference(image)
    if (parsed.kind === 'malformed')
      return { ok: false, rejection: badRequest('Validation error: images format invalid') }
    if (parsed.kind === 'url') {
      references.push(parsed)
      continue
    }
    const info = await inspectImage(parsed.bytes)
    if (!info) return { ok: false, rejection: badRequest('Invalid image format') }
    references.push({ kind: 'image', bytes: parsed.bytes, ...info })
  }
  return { ok: true, references }
}
