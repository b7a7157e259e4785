/**
 * The demo simulator's public shape: a loopback HTTP server that speaks the
 * documented runblob API, with knobs to misbehave for tests. Used by Demo mode
 * (nothing is sent or charged), `npm run simulator`, and every integration test.
 */

/** Fault knobs. Rates are probabilities 0..1 applied per matching request. */
export interface SimulatorFaults {
  /** Added before every response. */
  latencyMs: number
  /** Per HTTP status, the chance an API request (generate or status) answers with it, e.g. `{ 500: 0.2, 502: 0.1 }`. */
  errorRates: Partial<Record<number, number>>
  /** Chance an API request gets 429; `retryAfterSeconds` null sends no Retry-After header. */
  rateLimit: { rate: number; retryAfterSeconds: number | null }
  /** While Date.now() < this, every API request answers 503 (with Retry-After when set). */
  maintenanceUntil: number | null
  maintenanceRetryAfterSeconds: number | null
  /** Chance the connection is destroyed without an answer (API requests). */
  resetRate: number
  /** Chance the POST is processed (task created and charged) but the connection is destroyed before the reply. */
  resetAfterCreateRate: number
  /** Downloads: chance the body is cut short (Content-Length promises more). */
  truncateDownloadRate: number
  /** Downloads: chance the body is not an image at all. */
  corruptDownloadRate: number
  /** Result URLs answer 404/410 this long after the task completed; null = forever. */
  resultUrlTtlMs: number | null
  /** Chance an API request answers 200 with JSON of an unexpected shape (no task is created). */
  unexpectedShapeRate: number
}

export interface SimulatorOptions {
  /** 0 = a free port. The server only ever listens on 127.0.0.1. */
  port?: number
  /** Bearer keys it accepts. Default: ['sim-key']. */
  apiKeys?: string[]
  /** How long a task stays pending, then processing. Defaults 1500 / 3000 ms. */
  pendingMs?: number
  processingMs?: number
  /** Per-task timings chosen from the prompt (benchmarks spread durations this way); null = the defaults above. */
  timingsFor?: (prompt: string) => SimulatorTimings | null
  /** Price string charged per task. Default "0.0400". */
  price?: string
  /** Remaining balance as a decimal string; null = unlimited. Tasks beyond it get 402 INSUFFICIENT_CREDITS. */
  credits?: string | null
  /** A prompt matching this ends as failed with MODERATION_FAILED. Default /\bforbidden\b/i. */
  moderationTrigger?: RegExp | null
  /** Long edge of result images in px. Default 1024. */
  resultLongEdge?: number
  faults?: Partial<SimulatorFaults>
  /** Seed for the fault dice so a test run is repeatable. */
  seed?: number
  /** Add fields the documentation does not mention (`model`, `created_at`), as real APIs do. Default true. */
  extraFields?: boolean
  /** Oldest recorded requests are dropped beyond this many (demo mode runs for hours). Default 1000. */
  maxRecordedRequests?: number
  /** Larger request bodies get 413. Default 64 MiB. */
  maxBodyBytes?: number
}

/** One request as the simulator received it, for assertions on what the client sent. */
export interface RecordedRequest {
  at: number
  method: string
  path: string
  headers: Record<string, string>
  /** Parsed JSON body, or the raw text when it was not JSON, or null. */
  body: unknown
  /** The status the simulator answered with (or 0 for a dropped connection). */
  responseStatus: number
}

export interface SimulatedTask {
  taskUuid: string
  prompt: string
  aspectRatio: '1:1' | '4:3' | '3:4' | null
  images: string[]
  price: string
  createdAt: number
  /** A forced status (forceStatus) may be any string, as a provider may start sending new ones. */
  status: 'pending' | 'processing' | 'completed' | 'failed' | (string & {})
  message: string | null
  callbackUrl: string | null
  /** Absolute URL of the result while the task is completed, else null. */
  resultImageUrl: string | null
  /** When the task reached `completed`, else null. */
  completedAt: number | null
}

export interface SimulatorTimings {
  pendingMs: number
  processingMs: number
}

export interface Simulator {
  /** Base URL to give the client, e.g. http://127.0.0.1:41234 */
  readonly url: string
  readonly port: number
  /** Every request received, in order. */
  readonly requests: RecordedRequest[]
  /** Every task created (i.e. every charged POST), in order. */
  tasks(): SimulatedTask[]
  setFaults(faults: Partial<SimulatorFaults>): void
  setCredits(credits: string | null): void
  /** Remaining balance as a decimal string; null = unlimited. */
  credits(): string | null
  /** Phase durations for tasks created from now on. */
  setTimings(timings: Partial<SimulatorTimings>): void
  /** Forces a task's state (e.g. to fail one on purpose). */
  failTask(taskUuid: string, message: string): void
  /** Forces the status string the API reports for a task, including ones the docs never mention ("queued_for_gpu"). */
  forceStatus(taskUuid: string, status: string, message?: string | null): void
  clearRequests(): void
  close(): Promise<void>
}
