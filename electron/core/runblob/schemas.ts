/**
 * Tolerant readers for the two success bodies. Unknown extra fields are
 * ignored, unknown status strings are kept, a price that is not a clean
 * decimal string becomes null rather than a crash — but a body missing what
 * the contract promises (a task uuid, a status) is rejected.
 */
import { z } from 'zod'
import { DecimalString } from '../../../shared/domain'
import type { GenerateResponse, TaskStatusResponse } from './types'

const GenerateWire = z.looseObject({
  task_uuid: z.string().trim().min(1),
  status: z.string().optional(),
  price: z.unknown().optional(),
})

const StatusWire = z.looseObject({
  task_uuid: z.unknown().optional(),
  status: z.string().trim().min(1),
  prompt: z.unknown().optional(),
  result_image_url: z.unknown().optional(),
  message: z.unknown().optional(),
})

const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/**
 * A number is turned into its shortest decimal form. The provider documents a
 * string; if it sends a JSON number, String(n) round-trips what it wrote for
 * ordinary prices (up to 15–17 significant digits), and exponent forms
 * (1e-7) are expanded.
 */
export function toPriceString(value: unknown): string | null {
  if (typeof value === 'string') {
    const text = value.trim()
    return DecimalString.safeParse(text).success ? text : null
  }
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
    let text = String(value)
    if (/e/i.test(text)) text = value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '')
    return DecimalString.safeParse(text).success ? text : null
  }
  return null
}

export function readGenerateResponse(json: unknown): GenerateResponse | null {
  const parsed = GenerateWire.safeParse(json)
  if (!parsed.success) return null
  return {
    task_uuid: parsed.data.task_uuid,
    status: parsed.data.status?.trim() || 'pending',
    price: toPriceString(parsed.data.price),
  }
}

export function readStatusResponse(json: unknown, requestedUuid: string): TaskStatusResponse | null {
  const parsed = StatusWire.safeParse(json)
  if (!parsed.success) return null
  const { data } = parsed
  const taskUuid = typeof data.task_uuid === 'string' && data.task_uuid.trim() ? data.task_uuid.trim() : requestedUuid
  const resultUrl = stringOrNull(data.result_image_url)?.trim() || null
  return {
    task_uuid: taskUuid,
    status: data.status,
    prompt: stringOrNull(data.prompt),
    result_image_url: resultUrl,
    message:
      typeof data.message === 'string' ? data.message : data.message == null ? null : JSON.stringify(data.message),
  }
}
