export { createRunblobClient, DEFAULT_TIMEOUT_MS, type RunblobClientOptions } from './client'
export { parseRetryAfter } from './retryAfter'
export { RunblobError } from './types'
export type {
  GenerateRequest,
  GenerateResponse,
  RequestOptions,
  RunblobClient,
  RunblobErrorCode,
  RunblobErrorKind,
  TaskStatus,
  TaskStatusResponse,
} from './types'
