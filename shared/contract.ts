/**
 * The one IPC contract. Every command (renderer → main, request → reply) and
 * every event (main → renderer) is declared here once, with its zod schemas.
 * Both transports (Electron IPC and the browser-mode WebSocket) are built from
 * this table; see docs/ipc.md.
 *
 * Names: commands are `domain.verb`, events are `domain.pastTense`.
 */
import { z } from 'zod'
import {
  AspectRatio,
  DecimalString,
  EngineState,
  Generation,
  GenerationStatus,
  MAX_REFERENCES,
  MAX_VARIATIONS,
  PROMPT_MAX_LENGTH,
  ReferenceInfo,
} from './domain'

const Empty = z.object({}).strict()

export const AppInfo = z.object({
  version: z.string(),
  /** `demo`: the built-in simulator, nothing is sent or charged. */
  mode: z.enum(['demo', 'live']),
  apiBaseUrl: z.string(),
  dataDir: z.string(),
  platform: z.string(),
  transport: z.enum(['electron', 'browser']),
})
export type AppInfo = z.infer<typeof AppInfo>

export const KeyStatus = z.object({
  configured: z.boolean(),
  /** The last four characters, for "••••abcd". The key itself never crosses the contract. */
  tail: z.string().nullable(),
  source: z.enum(['stored', 'environment']).nullable(),
  /** False when the OS offers no real encryption (Linux `basic_text`, browser mode). */
  encrypted: z.boolean(),
})
export type KeyStatus = z.infer<typeof KeyStatus>

export const Theme = z.enum(['system', 'light', 'dark'])

export const Settings = z.object({
  /** null until the first-run welcome has been answered. */
  mode: z.enum(['demo', 'live']).nullable(),
  apiBaseUrl: z.url({ protocol: /^https?$/ }),
  theme: Theme,
  /** Long edge reference images are downscaled to before sending. */
  referenceMaxEdge: z.number().int().min(256).max(4096),
  notifications: z.boolean(),
  dailySpendLimit: DecimalString.nullable(),
  monthlySpendLimit: DecimalString.nullable(),
})
export type Settings = z.infer<typeof Settings>

export const HttpsUrl = z.url({ protocol: /^https$/, error: 'The webhook URL must start with https://' })

export const CreateGenerationInput = z.object({
  prompt: z
    .string()
    .trim()
    .min(1, 'Write a prompt first.')
    .max(PROMPT_MAX_LENGTH, `Prompts can be at most ${PROMPT_MAX_LENGTH} characters.`),
  aspectRatio: AspectRatio,
  /** Ids returned by `reference.prepare`, in the order they should be sent. */
  referenceIds: z.array(z.string()).max(MAX_REFERENCES, `At most ${MAX_REFERENCES} reference images.`),
  variations: z.number().int().min(1).max(MAX_VARIATIONS),
  callbackUrl: HttpsUrl.nullable(),
  /**
   * The user saw the spending-limit question and chose to go on. Without it the
   * core refuses a generation that would pass a daily or monthly limit (SPEND_LIMIT).
   */
  confirmOverLimit: z.boolean().default(false),
})
export type CreateGenerationInput = z.infer<typeof CreateGenerationInput>

export const ReferenceSource = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('bytes'),
    name: z.string().max(500),
    bytes: z.instanceof(Uint8Array),
  }),
  z.object({ kind: z.literal('url'), url: z.string().max(8192) }),
  z.object({ kind: z.literal('generation'), generationId: z.string() }),
])
export type ReferenceSource = z.infer<typeof ReferenceSource>

export const ListGenerationsInput = z.object({
  cursor: z.string().nullable().default(null),
  limit: z.number().int().min(1).max(500).default(100),
  search: z.string().max(500).default(''),
  statuses: z.array(GenerationStatus).default([]),
  favoritesOnly: z.boolean().default(false),
})

export const GenerationPage = z.object({
  items: z.array(Generation),
  nextCursor: z.string().nullable(),
})

export const SpendSummary = z.object({
  total: DecimalString,
  today: DecimalString,
  thisMonth: DecimalString,
  /** Charged at creation but ended as failed. */
  chargedButFailed: DecimalString,
  byDay: z.array(z.object({ day: z.string(), total: DecimalString })),
})
export type SpendSummary = z.infer<typeof SpendSummary>

/** Which spending limit a generation would pass, and by how much (all exact decimal strings). */
export const SpendLimitExceeded = z.object({
  limit: z.enum(['daily', 'monthly']),
  limitAmount: DecimalString,
  /** Spent so far in that period. */
  spent: DecimalString,
  /** Spent after this generation; null when no task has been priced yet (then `spent` is already at the limit). */
  after: DecimalString.nullable(),
})
export type SpendLimitExceeded = z.infer<typeof SpendLimitExceeded>

/** What a generation is about to cost, from the last price the provider charged. */
export const GenerationQuote = z.object({
  /** The last known price of one task; null until one task has been priced. */
  unitPrice: DecimalString.nullable(),
  variations: z.number().int(),
  total: DecimalString.nullable(),
  today: DecimalString,
  thisMonth: DecimalString,
  wouldExceed: SpendLimitExceeded.nullable(),
})
export type GenerationQuote = z.infer<typeof GenerationQuote>

const DurationMedian = z.object({ medianMs: z.number().int().nonnegative(), samples: z.number().int().positive() })

/** How long the user's own finished tasks took (submit → completed), for "about 1 min left". */
export const DurationEstimates = z.object({
  groups: z.array(DurationMedian.extend({ aspectRatio: AspectRatio, references: z.number().int().nonnegative() })),
  byAspectRatio: z.array(DurationMedian.extend({ aspectRatio: AspectRatio })),
  overall: DurationMedian.nullable(),
})
export type DurationEstimates = z.infer<typeof DurationEstimates>

export const MenuCommand = z.enum(['show-studio', 'show-library', 'open-settings', 'generate', 'focus-search', 'add-reference'])
export type MenuCommand = z.infer<typeof MenuCommand>

const IdInput = z.object({ id: z.string() })

/**
 * The studio's unsent work. Kept by the core (beside the settings) so it
 * survives a restart whatever the transport: browser mode's origin changes with
 * its port, and with it the page's localStorage.
 */
export const StudioDraft = z.object({
  prompt: z.string().max(100_000),
  aspectRatio: AspectRatio,
  variations: z.number().int().min(1).max(MAX_VARIATIONS),
  references: z.array(ReferenceInfo).max(MAX_REFERENCES),
  callbackUrl: z.string().max(2048),
})
export type StudioDraft = z.infer<typeof StudioDraft>

/** One entry per command: what the caller sends and what it gets back. */
export const commands = {
  /** What this process is running against, for the title bar and Settings. */
  'app.info': { input: Empty, output: AppInfo },
  'settings.get': { input: Empty, output: Settings },
  'settings.update': { input: Settings.partial(), output: Settings },
  'key.status': { input: Empty, output: KeyStatus },
  /** Checks the key against the API (without spending) before storing it. */
  'key.set': { input: z.object({ key: z.string().trim().min(8).max(512) }), output: KeyStatus },
  'key.clear': { input: Empty, output: KeyStatus },
  /** Prepares a dropped/pasted/picked image, a URL or an earlier result as a reference. */
  'reference.prepare': { input: z.object({ source: ReferenceSource }), output: ReferenceInfo },
  /** Writes one ledger row per variation before anything is sent, then queues them. */
  'generation.create': {
    input: CreateGenerationInput,
    output: z.object({ generations: z.array(Generation) }),
  },
  /** Newest first, paged. */
  'generation.list': { input: ListGenerationsInput, output: GenerationPage },
  'generation.get': { input: IdInput, output: Generation },
  /** Retries a failed download or re-queues a rejected generation. */
  'generation.retry': { input: IdInput, output: Generation },
  'generation.setFavorite': { input: z.object({ id: z.string(), favorite: z.boolean() }), output: Generation },
  'engine.state': { input: Empty, output: EngineState },
  'spend.summary': { input: Empty, output: SpendSummary },
  /** The price of `variations` tasks before sending, and whether it would pass a spending limit. */
  'generation.quote': {
    input: z.object({ variations: z.number().int().min(1).max(MAX_VARIATIONS) }),
    output: GenerationQuote,
  },
  /** Medians of the user's finished tasks by aspect ratio and reference count. */
  'generation.estimates': { input: Empty, output: DurationEstimates },
  /** The saved draft as stored (possibly from an older version): the renderer reads it field by field. */
  'draft.get': { input: Empty, output: z.object({ draft: z.unknown() }) },
  'draft.save': { input: z.object({ draft: StudioDraft }), output: Empty },
} as const

/** Every event main may send; payloads are validated on arrival. */
export const events = {
  /** Coalesced: one event may carry many generations. */
  'generation.updated': z.object({ items: z.array(Generation) }),
  'engine.stateChanged': EngineState,
  'settings.changed': Settings,
  'key.changed': KeyStatus,
  /** A native menu item was chosen (Electron only; the page's own shortcuts do the same). */
  'app.menuCommand': z.object({ command: MenuCommand }),
} as const

export type Commands = typeof commands
export type CommandName = keyof Commands
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>
export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>

export const COMMAND_NAMES = Object.keys(commands) as CommandName[]
export const EVENT_NAMES = Object.keys(events) as EventName[]
export const isCommandName = (name: unknown): name is CommandName =>
  typeof name === 'string' && Object.hasOwn(commands, name)
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name)
