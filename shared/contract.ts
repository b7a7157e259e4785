/**
 * The one IPC contract. Every command (renderer → main, request → reply) and
 * every event (main → renderer) is declared here once, with its zod schemas.
 * Both transports (Electron IPC and the browser-mode WebSocket) are built from
 * this table; see docs/ipc.md.
 *
 * Names: commands are `domain.verb`, events are `domain.pastTense`.
 */
import { z } from 'zod'
import { API_ADDRESS_MESSAGE, isAllowedApiAddress } from './apiAddress'
import { APP_COMMAND_IDS, GENERATION_MENU_ACTIONS } from './appCommands'
import { MAX_BATCH_TASKS } from './batch'
import {
  AspectRatio,
  DecimalString,
  RecoveredGap,
  EngineState,
  Generation,
  GenerationStatus,
  MAX_REFERENCES,
  MAX_VARIATIONS,
  PROMPT_MAX_LENGTH,
  ReferenceInfo,
} from './domain'
import { APPLIED_STYLES_MAX, Style, StyleName, StyleText } from './styles'

const Empty = z.object({}).strict()

/** The desktop-only actions the running shell offers (Electron); browser mode falls back in the page. */
export const DesktopCapabilities = z.object({
  copyImage: z.boolean(),
  saveAs: z.boolean(),
  reveal: z.boolean(),
  nativeDrag: z.boolean(),
  chooseFolder: z.boolean(),
})
export type DesktopCapabilities = z.infer<typeof DesktopCapabilities>

/**
 * Something the user should know about how this start went, shown once by the UI
 * (e.g. `SETTINGS_RESET`: the settings file was damaged, set aside, and defaults used).
 */
export const StartupNotice = z.object({
  /**
   * SETTINGS_RESET: a damaged settings file was set aside; LIBRARY_REBUILT: a damaged library.db was set
   * aside and rebuilt from the images; LIBRARY_RESTORED: library.db was missing or had lost changes, and
   * styles, collections or prompts came back from the library's own copy; EXTRAS_DAMAGED: that copy of one
   * of them could not be used and was set aside.
   */
  code: z.enum(['SETTINGS_RESET', 'LIBRARY_REBUILT', 'LIBRARY_RESTORED', 'EXTRAS_DAMAGED']),
  message: z.string(),
  /** The file the notice is about (the damaged copy that was kept). */
  path: z.string().nullable(),
})
export type StartupNotice = z.infer<typeof StartupNotice>

export const AppInfo = z.object({
  version: z.string(),
  /** `demo`: the built-in simulator, nothing is sent or charged. */
  mode: z.enum(['demo', 'live']),
  apiBaseUrl: z.string(),
  dataDir: z.string(),
  platform: z.string(),
  transport: z.enum(['electron', 'browser']),
  /** Which desktop actions exist here; absent or false: the page uses its browser fallback. */
  capabilities: DesktopCapabilities.optional(),
  /** What went wrong at start and was repaired (absent or empty: nothing). */
  notices: z.array(StartupNotice).optional(),
  /** `basic`: this SQLite has no FTS5, so search is a plain scan (the UI says so). Absent: full. */
  search: z.enum(['full', 'basic']).optional(),
})
export type AppInfo = z.infer<typeof AppInfo>

export const KeyStatus = z.object({
  configured: z.boolean(),
  /** The last four characters, for "••••abcd". The key itself never crosses the contract. */
  tail: z.string().nullable(),
  source: z.enum(['stored', 'environment']).nullable(),
  /** False when the OS offers no real encryption (Linux `basic_text`, browser mode). */
  encrypted: z.boolean(),
  /**
   * The API origin the key was verified against; the key is sent nowhere else.
   * When the API address points elsewhere, Live mode asks for a key for it.
   */
  origin: z.string().nullable(),
})
export type KeyStatus = z.infer<typeof KeyStatus>

export const Theme = z.enum(['system', 'light', 'dark'])

export const Settings = z.object({
  /** null until the first-run welcome has been answered. */
  mode: z.enum(['demo', 'live']).nullable(),
  /** https, or http only for a server on this computer (shared/apiAddress.ts). */
  apiBaseUrl: z
    .url({ protocol: /^https?$/, error: API_ADDRESS_MESSAGE })
    .refine(isAllowedApiAddress, API_ADDRESS_MESSAGE),
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
   * Styles to apply to `prompt`, in order (shared/styles.ts `composePrompt`): the
   * core composes the final prompt, refuses it over PROMPT_MAX_LENGTH, sends and stores it.
   */
  styleIds: z
    .array(z.string().min(1).max(64))
    .max(APPLIED_STYLES_MAX, `At most ${APPLIED_STYLES_MAX} styles at once.`)
    .default([]),
  /**
   * The user saw the spending-limit question and chose to go on. Without it the
   * core refuses a generation that would pass a daily or monthly limit (SPEND_LIMIT).
   */
  confirmOverLimit: z.boolean().default(false),
})
export type CreateGenerationInput = z.infer<typeof CreateGenerationInput>

/** Many prompts at once (shared/batch.ts reads the list), each × `variations`, as one group in the queue. */
export const CreateBatchInput = z
  .object({
    items: z
      .array(z.object({ prompt: CreateGenerationInput.shape.prompt, aspectRatio: AspectRatio }))
      .min(1, 'Add at least one prompt.')
      .max(MAX_BATCH_TASKS),
    variations: CreateGenerationInput.shape.variations,
    referenceIds: CreateGenerationInput.shape.referenceIds,
    callbackUrl: HttpsUrl.nullable().default(null),
    /** The user answered the one spending question for the whole batch. */
    confirmOverLimit: z.boolean().default(false),
  })
  .refine((input) => input.items.length * input.variations <= MAX_BATCH_TASKS, {
    message: `A batch can hold at most ${MAX_BATCH_TASKS} tasks.`,
    path: ['items'],
  })
export type CreateBatchInput = z.input<typeof CreateBatchInput>

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

/** How the library orders its grid. `price` is the most expensive first (unpriced last). */
export const LibrarySort = z.enum(['newest', 'oldest', 'price'])
export type LibrarySort = z.infer<typeof LibrarySort>

/** What the library shows: search, filters, sort and trash. The same for a page, a count and "select all". */
export const LibraryFilter = z.object({
  search: z.string().max(500).default(''),
  statuses: z.array(GenerationStatus).default([]),
  favoritesOnly: z.boolean().default(false),
  aspectRatios: z.array(AspectRatio).default([]),
  /** Created at or after this instant. */
  createdFrom: z.iso.datetime().nullable().default(null),
  /** Created strictly before this instant (the UI sends the start of the day after the last one chosen). */
  createdBefore: z.iso.datetime().nullable().default(null),
  /** true: only generations made with reference images; false: only without; null: either. */
  usedReferences: z.boolean().nullable().default(null),
  sort: LibrarySort.default('newest'),
  /** The trash (soft-deleted generations) instead of the library. */
  trash: z.boolean().default(false),
  /** Only the generations in this collection (board); null: any. */
  collectionId: z.string().min(1).max(64).nullable().default(null),
})
export type LibraryFilter = z.input<typeof LibraryFilter>

export const ListGenerationsInput = LibraryFilter.extend({
  cursor: z.string().nullable().default(null),
  limit: z.number().int().min(1).max(500).default(100),
  /** Where to start when there is no cursor: a virtualized grid jumps to any position. */
  offset: z.number().int().min(0).max(10_000_000).default(0),
  /** Also count every match (the grid's scroll height). */
  withTotal: z.boolean().default(false),
})

export const GenerationPage = z.object({
  items: z.array(Generation),
  nextCursor: z.string().nullable(),
  /** Every match of the filter, when `withTotal` was asked. */
  total: z.number().int().nonnegative().nullable().optional(),
})

/** Where an image came from (the earlier results among its references) and what was made from it since. */
export const Lineage = z.object({
  parents: z.array(Generation),
  children: z.array(Generation),
})
export type Lineage = z.infer<typeof Lineage>

export const ExportResult = z.object({
  folder: z.string(),
  generations: z.number().int().nonnegative(),
  images: z.number().int().nonnegative(),
  references: z.number().int().nonnegative(),
  /** Files that were already in the folder: never overwritten, one sentence each (capped). */
  problems: z.array(z.string()),
  /** Collections written to collections.json (with their exported members). */
  collections: z.number().int().nonnegative(),
  /** Styles written to the folder's styles file. */
  styles: z.number().int().nonnegative(),
})
export type ExportResult = z.infer<typeof ExportResult>

export const ImportResult = z.object({
  imported: z.number().int().nonnegative(),
  /** Already in this library (same generation id). */
  existing: z.number().int().nonnegative(),
  /** The same image (sha256) is already in this library under another id. */
  duplicates: z.number().int().nonnegative(),
  /** Sidecars that could not be read or whose image is missing or damaged. */
  invalid: z.number().int().nonnegative(),
  /** One sentence per invalid file (capped). */
  problems: z.array(z.string()),
  /** Collections created by this import (ones of the same name, whatever the case, gained members instead). */
  collectionsCreated: z.number().int().nonnegative(),
  /** Images added to collections. */
  collectionItemsAdded: z.number().int().nonnegative(),
  /** Styles added (merged by name: one the library already has is kept as it is). */
  styles: z.number().int().nonnegative(),
})
export type ImportResult = z.infer<typeof ImportResult>

/**
 * What came back from the library's own copy of its styles, collections and prompt
 * history (kept beside the database, docs/recipe.md) when the database was rebuilt.
 */
export const ExtrasRestored = z.object({
  styles: z.number().int().nonnegative(),
  /** Collections made again (a board of the same name already there gains the members instead). */
  collections: z.number().int().nonnegative(),
  /** Images put back in their collections (members whose image is not in the library are left out). */
  collectionItems: z.number().int().nonnegative(),
  prompts: z.number().int().nonnegative(),
  /** A copy that could not be used, each with why (the file is kept beside it under another name). */
  problems: z.array(z.string()),
})
export type ExtrasRestored = z.infer<typeof ExtrasRestored>

/** What "Rebuild library from files" (or the automatic rebuild of a damaged database) did. */
export const RebuildReport = z.object({
  /** Generations made again from their image's recipe. */
  recovered: z.number().int().nonnegative(),
  /** Images whose generation was already in the library (left as they were). */
  alreadyPresent: z.number().int().nonnegative(),
  /** Whole images without a recipe (made before recipes, or a format that cannot carry one): kept, not listed. */
  withoutRecipe: z.array(z.string()),
  /** Files not used, each with why. */
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  /** Recovered generations the recipe could not give everything for (also marked on the row). */
  lacking: z.array(z.object({ id: z.string(), prompt: z.string(), lacking: z.array(RecoveredGap) })),
  /** Where the old database files were moved (never deleted). */
  setAside: z.array(z.string()),
  /** Styles, collections and prompts put back from the library's own copy. */
  extras: ExtrasRestored,
})
export type RebuildReport = z.infer<typeof RebuildReport>

/** A file the page gives the core as bytes (dropped, pasted or picked). */
const DroppedFile = z.object({ name: z.string().max(500), bytes: z.instanceof(Uint8Array) })

/** What an image's embedded recipe says, and what of it this library already holds (docs/recipe.md). */
export const RecipeReading = z.object({
  /** The recipe as written into the file; null when the file carries none (or cannot carry one). */
  recipe: z
    .object({
      generationId: z.string(),
      prompt: z.string(),
      aspectRatio: AspectRatio,
      taskUuid: z.string().nullable(),
      createdAt: z.string(),
    })
    .nullable(),
  /** The library's generation that made this image (same id or task uuid), when it is here. */
  inLibrary: z.string().nullable(),
  /** Each of the recipe's references, in order, and the library's reference with that content hash if it is here. */
  references: z.array(
    z.object({ hash: z.string(), referenceId: z.string().nullable(), reference: ReferenceInfo.nullable() }),
  ),
})
export type RecipeReading = z.infer<typeof RecipeReading>

/** How one dropped file fared in `library.importFiles`. */
export const FileImportOutcome = z.object({
  name: z.string(),
  status: z.enum(['imported', 'existing', 'refused']),
  /** The new row (imported) or the row already here (existing). */
  generationId: z.string().nullable(),
  /** Why a file was refused, or what was already there, in a sentence. */
  message: z.string().nullable(),
})
export type FileImportOutcome = z.infer<typeof FileImportOutcome>

/** A folder name under the library's own `transfers/` folder (browser mode, which has no folder picker). */
export const TransferFolderName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/, 'Use a plain folder name: letters, digits, spaces, ".", "_" or "-".')

/**
 * Where an export goes or an import comes from. Never a path from the page:
 * `grant` is what `file.chooseFolder` returned (the native picker's answer,
 * kept by the core, one use within ten minutes); `transfers` is a folder inside
 * the library's own `transfers/` folder (see docs/security.md, finding 5).
 */
export const FolderChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('grant'), grant: z.string().max(100) }),
  z.object({ kind: z.literal('transfers'), name: TransferFolderName }),
])
export type FolderChoice = z.infer<typeof FolderChoice>

const IdsInput = z.object({ ids: z.array(z.string().min(1).max(256)).min(1).max(200_000) })

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

/** Longest collection name, in characters. */
export const COLLECTION_NAME_MAX = 80

export const CollectionName = z
  .string()
  .trim()
  .min(1, 'Give the collection a name.')
  .max(COLLECTION_NAME_MAX, `Collection names can be at most ${COLLECTION_NAME_MAX} characters.`)

/** A board of images; an image may be in several. `count`: its generations outside the trash. */
export const Collection = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  count: z.number().int().nonnegative(),
})
export type Collection = z.infer<typeof Collection>

const CollectionMembers = z.object({
  id: z.string().min(1).max(64),
  generationIds: z.array(z.string().min(1).max(256)).min(1).max(200_000),
})

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

/** The app's commands (shared/appCommands.ts is the table the menu and the shortcuts share). */
export const MenuCommand = z.enum(APP_COMMAND_IDS)
export type MenuCommand = z.infer<typeof MenuCommand>

const IdInput = z.object({ id: z.string() })

/** One prompt as it was last sent (deduplicated by its exact text), with the ratio it was sent with. */
export const HistoryEntry = z.object({
  prompt: z.string(),
  aspectRatio: AspectRatio,
  lastUsedAt: z.iso.datetime(),
  /** How many times this exact prompt was sent. */
  uses: z.number().int().positive(),
})
export type HistoryEntry = z.infer<typeof HistoryEntry>

export const HistoryListInput = z.object({
  /** Words the prompt must contain (case-insensitive, any order); empty: everything. */
  query: z.string().max(500).default(''),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).nullable().default(null),
})

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
  /** Styles applied, in order; older drafts have none. */
  styleIds: z.array(z.string().max(64)).max(APPLIED_STYLES_MAX).default([]),
})
export type StudioDraft = z.infer<typeof StudioDraft>

/** Answered by the Electron shell, not the core (see SHELL_COMMAND_NAMES). */
const shellCommands = {
  /** Pops up the native context menu for a generation at the pointer; its items come from shared/generationActions.ts. */
  'menu.showGenerationContext': {
    input: z.object({
      id: z.string(),
      x: z.number().int().nonnegative().optional(),
      y: z.number().int().nonnegative().optional(),
    }),
    output: Empty,
  },
} as const

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
  /**
   * A batch: every row written in one transaction before anything is sent, sharing a
   * batch id; the spending limits are checked once, against the whole batch's total.
   */
  'generation.createBatch': {
    input: CreateBatchInput,
    output: z.object({ batchId: z.string(), generations: z.array(Generation) }),
  },
  /** "Cancel the rest": removes the batch's rows that were never sent; ones already sent go on. */
  'generation.cancelBatch': {
    input: z.object({ batchId: z.string().min(1).max(64) }),
    output: z.object({ removed: z.array(z.string()), kept: z.number().int().nonnegative() }),
  },
  /**
   * "Retry the failed": every member with a retry kind (shared/generationActions.ts) is
   * retried; the ones that cost money pass the spending limits together (SPEND_LIMIT).
   */
  'generation.retryBatch': {
    input: z.object({ batchId: z.string().min(1).max(64), confirmOverLimit: z.boolean().default(false) }),
    output: z.object({ retried: z.array(Generation) }),
  },
  /** Newest first, paged. */
  'generation.list': { input: ListGenerationsInput, output: GenerationPage },
  /**
   * Every match of a filter (the grid's scroll height, the "N images" line). Asked beside the
   * first page rather than with it: a broad search's first page is ready long before its count.
   */
  'generation.count': { input: LibraryFilter, output: z.object({ total: z.number().int().nonnegative() }) },
  'generation.get': { input: IdInput, output: Generation },
  /**
   * Retries a generation as `retryKind()` (shared/generationActions.ts) says: downloads
   * or polls again, sends a rejected request again, or makes a new generation with the
   * same inputs. Kinds that cost money pass the spending limits like generation.create
   * (SPEND_LIMIT unless `confirmOverLimit`). Returns the retried (or the new) generation.
   */
  'generation.retry': {
    input: z.object({ id: z.string(), confirmOverLimit: z.boolean().default(false) }),
    output: Generation,
  },
  'generation.setFavorite': { input: z.object({ id: z.string(), favorite: z.boolean() }), output: Generation },
  'engine.state': { input: Empty, output: EngineState },
  'spend.summary': { input: Empty, output: SpendSummary },
  /** The price of `variations` tasks (a batch: all of its tasks) before sending, and whether it would pass a spending limit. */
  'generation.quote': {
    input: z.object({ variations: z.number().int().min(1).max(MAX_BATCH_TASKS) }),
    output: GenerationQuote,
  },
  /** Medians of the user's finished tasks by aspect ratio and reference count. */
  'generation.estimates': { input: Empty, output: DurationEstimates },
  /** The saved draft as stored (possibly from an older version): the renderer reads it field by field. */
  'draft.get': { input: Empty, output: z.object({ draft: z.unknown() }) },
  'draft.save': { input: z.object({ draft: StudioDraft }), output: Empty },
  /** The ids of every match of a filter (the grid's "select all"), newest first per the filter's sort. */
  'library.ids': {
    input: LibraryFilter,
    output: z.object({ ids: z.array(z.string()), truncated: z.boolean() }),
  },
  /** Favourites or un-favourites many generations at once. */
  'library.setFavorite': {
    input: IdsInput.extend({ favorite: z.boolean() }),
    output: z.object({ changed: z.number().int() }),
  },
  /** Moves finished generations to the trash (nothing leaves the disk); ones still being made are kept. */
  'library.delete': { input: IdsInput, output: z.object({ deleted: z.array(z.string()), kept: z.array(z.string()) }) },
  /** Takes generations back out of the trash (undo). */
  'library.restore': { input: IdsInput, output: z.object({ restored: z.array(z.string()) }) },
  /** Deletes what is in the trash for good: rows, images, thumbnails, and references nothing else uses. */
  'library.emptyTrash': { input: Empty, output: z.object({ removed: z.number().int(), files: z.number().int() }) },
  /** Parents (earlier results used as references) and children (remixes made from it). */
  'library.lineage': { input: IdInput, output: Lineage },
  /** Looks at these generations' files now: flags a missing image, rebuilds a missing thumbnail. */
  'library.checkFiles': {
    input: z.object({ ids: z.array(z.string()).min(1).max(500) }),
    output: z.object({ generations: z.array(Generation) }),
  },
  /** Writes `<id>.<ext>` plus a `<id>.json` sidecar per generation (null ids: the whole library) into a folder. */
  'library.export': {
    input: z.object({
      ids: z.array(z.string()).max(200_000).nullable(),
      folder: FolderChoice,
    }),
    output: ExportResult,
  },
  /** Reads such a folder back: nothing lost, nothing twice (by generation id and by image sha256). */
  'library.import': { input: z.object({ folder: FolderChoice }), output: ImportResult },
  /** Reads an image's embedded recipe (a drop into the studio) and finds its generation and references here. */
  'recipe.read': { input: z.object({ bytes: z.instanceof(Uint8Array) }), output: RecipeReading },
  /**
   * Image files dropped on the library become generations from their recipes, stored as they are
   * (no duplicate: a generation id, task uuid or image already here is reported, not added).
   */
  'library.importFiles': {
    input: z.object({ files: z.array(DroppedFile).min(1).max(100) }),
    output: z.object({ files: z.array(FileImportOutcome) }),
  },
  /**
   * "Rebuild library from files": sets library.db aside (renamed, never deleted), opens a
   * fresh one and recreates every generation from its image's recipe.
   */
  'library.rebuild': { input: Empty, output: RebuildReport },
  /** The library view (search, filters, sort) as a URL-like query string, kept by the core so it survives a restart. */
  'library.view': { input: Empty, output: z.object({ view: z.string().nullable() }) },
  'library.saveView': { input: z.object({ view: z.string().max(4096) }), output: Empty },
  /** Every collection, by name (case-insensitive), with how many images each holds. */
  'collection.list': { input: Empty, output: z.object({ collections: z.array(Collection) }) },
  /** A new empty collection; COLLECTION_EXISTS when the name is taken (whatever its case). */
  'collection.create': { input: z.object({ name: CollectionName }), output: Collection },
  'collection.rename': { input: z.object({ id: z.string().min(1).max(64), name: CollectionName }), output: Collection },
  /** Deletes the collection; its images stay in the library. */
  'collection.delete': { input: z.object({ id: z.string().min(1).max(64) }), output: Empty },
  /** Adds generations to a collection (already there: unchanged); returns how many were added. */
  'collection.add': { input: CollectionMembers, output: z.object({ added: z.number().int().nonnegative() }) },
  /** Takes generations out of a collection (the images stay in the library). */
  'collection.remove': { input: CollectionMembers, output: z.object({ removed: z.number().int().nonnegative() }) },
  /** Prompts sent, newest use first, deduplicated, searchable; keyset-paged. */
  'history.list': {
    input: HistoryListInput,
    output: z.object({ items: z.array(HistoryEntry), nextCursor: z.string().nullable() }),
  },
  /** Forgets every prompt sent; no image or generation is touched. */
  'history.clear': { input: Empty, output: z.object({ removed: z.number().int().nonnegative() }) },
  /** Every style, in the order they were created (the first nine have Alt+1…9). */
  'style.list': { input: Empty, output: z.object({ styles: z.array(Style) }) },
  /** A new style; names are unique (ignoring case). */
  'style.create': { input: z.object({ name: StyleName, text: StyleText }), output: Style },
  'style.update': {
    input: z.object({ id: z.string().min(1).max(64), name: StyleName.optional(), text: StyleText.optional() }),
    output: Style,
  },
  'style.delete': { input: z.object({ id: z.string().min(1).max(64) }), output: Empty },
  /** Desktop actions (Electron only; see AppInfo.capabilities). */
  'file.copyImage': { input: IdInput, output: Empty },
  /** The native save dialog; `path` is null when the user cancelled. */
  'file.saveAs': { input: IdInput, output: z.object({ path: z.string().nullable() }) },
  'file.reveal': { input: IdInput, output: Empty },
  /** Starts a native file drag of these images out of the window (call from the page's dragstart). */
  'file.startDrag': { input: z.object({ ids: z.array(z.string()).min(1).max(100) }), output: Empty },
  /**
   * The native folder picker for export and import; null when cancelled. `path` is
   * for showing; `grant` is what library.export / library.import accept (one use, ten minutes).
   */
  'file.chooseFolder': {
    input: z.object({ purpose: z.enum(['export', 'import']) }),
    output: z.object({ path: z.string().nullable(), grant: z.string().nullable() }),
  },
  ...shellCommands,
} as const

/**
 * Commands the Electron shell answers itself (electron/main binds them before the
 * core's router; browser mode has no native menus and refuses them).
 */
export const SHELL_COMMAND_NAMES = Object.keys(shellCommands) as ShellCommandName[]
export type ShellCommandName = keyof typeof shellCommands

/** Every event main may send; payloads are validated on arrival. */
export const events = {
  /** Coalesced: one event may carry many generations. */
  'generation.updated': z.object({ items: z.array(Generation) }),
  'engine.stateChanged': EngineState,
  'settings.changed': Settings,
  'key.changed': KeyStatus,
  /** A native menu item was chosen (Electron only; the page's own shortcuts do the same). */
  'app.menuCommand': z.object({ command: MenuCommand }),
  /**
   * The core's worker thread stopped unexpectedly (docs/threads.md). `restarted`: it runs
   * again on the same library — commands in flight then were answered CORE_RESTARTED and
   * events may have been missed, so the page reads its snapshots again.
   */
  'app.coreRestarted': z.object({ restarted: z.boolean(), message: z.string() }),
  /** A generation's context-menu item was chosen (Electron only); the page runs it as its own buttons do. */
  'app.generationAction': z.object({ id: z.string(), action: z.enum(GENERATION_MENU_ACTIONS) }),
  /** The user clicked a notification about this generation: show it. */
  'app.openGeneration': z.object({ id: z.string() }),
  /** Images picked in the native "Add Reference Image…" dialog, as bytes (the page cannot read paths). */
  'app.referenceFiles': z.object({
    files: z.array(z.object({ name: z.string().max(500), bytes: z.instanceof(Uint8Array) })).max(MAX_REFERENCES),
  }),
  /** Many rows changed at once (trash, import, bulk favourite): lists should be asked again. */
  'library.changed': z.object({
    reason: z.enum(['deleted', 'restored', 'trashEmptied', 'imported', 'favorites', 'collections', 'batch', 'rebuilt']),
  }),
  /** The styles changed (created, edited, deleted, imported): the whole list, in order. */
  'styles.changed': z.object({ styles: z.array(Style) }),
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
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.hasOwn(events, name)
