/**
 * The runblob ChatGPT Images API as the core sees it (see ../../../../shared/runblob-api.md
 * in the team folder, mirrored in docs/runblob-api.md). The client implements
 * this interface; the task engine depends only on it.
 */
import type { ApiAspectRatio } from '../../../shared/domain'
import type { IpcError } from '../../../shared/result'

export interface GenerateRequest {
  prompt: string
  /** Omitted entirely for "auto". */
  aspect_ratio?: ApiAspectRatio
  /** http(s) URLs or data URIs (`data:image/jpeg;base64,…`), at most 4. */
  images?: string[]
  callback_url?: string
}

export interface GenerateResponse {
  task_uuid: string
  /** Usually "pending"; unknown strings are kept, not trusted. */
  status: string
  /** Decimal string in USD; null when the provider sent none or something unreadable. */
  price: string | null
}

/** Known statuses, plus whatever new string the provider may start sending. */
export type TaskStatus = 'pending' | 'processing' | 'completed' | 'failed' | (string & {})

export interface TaskStatusResponse {
  task_uuid: string
  status: TaskStatus
  prompt: string | null
  result_image_url: string | null
  /** For failed tasks: the provider's code (`MODERATION_FAILED`, `OPENAI_DECLINED`) or prose. */
  message: string | null
}

export interface RequestOptions {
  signal?: AbortSignal
  /** Overrides the client's default timeout for this request. */
  timeoutMs?: number
}

export interface RunblobClient {
  readonly baseUrl: string
  generate(body: GenerateRequest, options?: RequestOptions): Promise<GenerateResponse>
  status(taskUuid: string, options?: RequestOptions): Promise<TaskStatusResponse>
  /** Checks a key without spending money: GET a random uuid, 404 = valid, 401 = invalid. */
  verifyKey(options?: RequestOptions): Promise<'valid' | 'invalid'>
}

/**
 * How a request failed. `network`, `timeout` and `aborted` on a POST mean "no
 * answer": the task may exist and may have been charged.
 */
export type RunblobErrorKind = 'http' | 'network' | 'timeout' | 'aborted' | 'bad_response'

/** Our stable codes; `providerCode` carries the provider's own when it sent one. */
export type RunblobErrorCode =
  | 'INVALID_REQUEST' // 400, 422
  | 'UNAUTHORIZED' // 401
  | 'INSUFFICIENT_CREDITS' // 402
  | 'NOT_FOUND' // 404
  | 'RATE_LIMITED' // 429
  | 'PROVIDER_ERROR' // 500 (upstream declined / internal; a refund is attempted)
  | 'MAINTENANCE' // 503
  | 'SERVER_ERROR' // other 5xx (502, 504, …)
  | 'HTTP_ERROR' // any other unexpected status
  | 'NETWORK'
  | 'TIMEOUT'
  | 'ABORTED'
  | 'BAD_RESPONSE'

export class RunblobError extends Error {
  override readonly name = 'RunblobError'
  constructor(
    readonly kind: RunblobErrorKind,
    readonly code: RunblobErrorCode,
    /** A sentence a person can act on. */
    message: string,
    readonly details: {
      status?: number
      /** The `detail` string from the body, when there was one. */
      detail?: string | null
      /** A code-like detail (`INSUFFICIENT_CREDITS`, `OPENAI_DECLINED`), when there was one. */
      providerCode?: string | null
      /** From `Retry-After` (seconds or HTTP date), in milliseconds. */
      retryAfterMs?: number | null
      cause?: unknown
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
  }

  get status(): number | undefined {
    return this.details.status
  }

  /** True when retrying the same request later can help (network, 429, 5xx but 500-declined). */
  get retryable(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      this.code === 'RATE_LIMITED' ||
      this.code === 'MAINTENANCE' ||
      this.code === 'SERVER_ERROR'
    )
  }

  /** True when a POST that failed this way may still have created (and charged) a task. */
  get outcomeUnknown(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'aborted' || this.kind === 'bad_response'
  }

  toIpcError(): IpcError {
    return {
      code: this.details.providerCode ?? this.code,
      message: this.message,
      data: {
        kind: this.kind,
        status: this.details.status ?? null,
        detail: this.details.detail ?? null,
        retryAfterMs: this.details.retryAfterMs ?? null,
      },
    }
  }
}
