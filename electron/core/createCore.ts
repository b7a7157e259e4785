/**
 * The composition root of the core: wiring only. Each feature folder builds its
 * own command handlers (`createXFeature(deps) → { handlers, start?, stop? }`);
 * this file gives each the few things it uses and joins the handlers into one
 * table. Electron main and the browser-mode host both call this, so the app
 * behaves the same in both.
 */
import { randomUUID } from 'node:crypto'
import { apiOrigin } from '../../shared/apiAddress'
import type { AppInfo } from '../../shared/contract'
import type { Generation } from '../../shared/domain'
import { createChanges } from './changes'
import { createCollectionsFeature } from './collections'
import { createConnection } from './connection'
import type { LibraryOptions } from './db'
import { createExtrasKeeper, type ExtrasKeeper } from './extras'
import { createRebuildFeature, liveMember, openLibraryOrRebuild, rebuiltNotices, swappableLibrary } from './rebuild'
import { createFilesFeature } from './files'
import { createCoalescer, createGenerationFeature, type EngineTuning } from './generation'
import { acquireInstanceLock } from './instanceLock'
import { createRouter, type CommandHandlers, type Router } from './ipc/router'
import { createHistoryFeature } from './history'
import { createKeyFeature, createKeyVault } from './key'
import { createLibraryFeature } from './library'
import type { CorePorts } from './ports'
import { createRecipeFeature } from './recipe/handlers'
import { createReferencesFeature } from './references'
import { createSettingsFeature, DEFAULT_API_BASE_URL } from './settings'
import { createStylesFeature } from './styles'
import { createTransferFeature } from './transfer'
import { createFolderGrants } from './security/folderGrants'
import type { TestNetworkAllowance } from './security/publicAddress'

export interface Core {
  readonly router: Router
  /** Absolute path of a library-relative media path, or throws if it escapes the library. */
  resolveMediaPath(relativePath: string): string
  info(): AppInfo
  start(): Promise<void>
  stop(): Promise<void>
}

/** Choices for tests and tools, not platform ports. */
export interface CoreOptions {
  /** Faster polling; the defaults suit the real API's 1–3 minutes. */
  engineTuning?: Partial<EngineTuning> | undefined
  /**
   * Test-only: addresses that reference links may reach although they are not
   * public (the test servers on 127.0.0.1). Only test code passes it; the app
   * and `npm run browser` never do, and it is never read from env or settings.
   */
  testNetworkAllowance?: TestNetworkAllowance | undefined
  /** Test-only: `false` opens the library as if SQLite had no FTS5 (basic search). */
  fts5?: boolean | undefined
}

const EVENT_FLUSH_MS = 100

export async function createCore(ports: CorePorts, options: CoreOptions = {}): Promise<Core> {
  const { logger, clock, events } = ports
  const log = (module: string) => logger.child({ module })
  const instanceLock = acquireInstanceLock(ports.dataDir)
  const settings = createSettingsFeature({ store: ports.store, logger: log('settings'), events })
  for (const notice of ports.startupNotices ?? []) logger.warn({ code: notice.code, path: notice.path }, notice.message)
  const vault = createKeyVault({
    store: ports.store,
    cipher: ports.cipher,
    logger: log('secrets'),
    defaultOrigin: apiOrigin(DEFAULT_API_BASE_URL) ?? DEFAULT_API_BASE_URL,
    environmentKey: ports.env?.apiKey,
    // The environment's key goes only to the environment's server (or the default one).
    environmentOrigin: apiOrigin(ports.env?.apiBaseUrl?.trim() || DEFAULT_API_BASE_URL) ?? undefined,
  })
  await vault.load()
  // The keeper is made once the library is open; a change before that (the open restoring the copy) is
  // seen by checkAll at start.
  let keeperOpen: ExtrasKeeper | null = null
  const libraryOptions: LibraryOptions = {
    dataDir: ports.dataDir,
    logger: log('library'),
    clock,
    ...(options.fts5 === false ? { fts5: false } : {}),
    onExtrasChanged: (kind) => keeperOpen?.changed(kind),
  }
  // A damaged database is set aside and rebuilt from the images' recipes; images without a row come back,
  // and the styles, collections and prompt history from the library's own copy (core/extras).
  const opened = await openLibraryOrRebuild({ ...libraryOptions, now: () => new Date(clock.now()) })
  const holder = swappableLibrary(opened.library)
  const library = holder.library
  const keeper = createExtrasKeeper({ dataDir: ports.dataDir, library: () => holder.current(), logger: log('extras') })
  keeperOpen = keeper
  const coreNotices = rebuiltNotices(opened)
  const connection = createConnection({
    ports,
    settings: settings.service,
    vault,
    logger,
    search: () => holder.current().search,
    coreNotices: () => coreNotices,
  })

  const coalescer = createCoalescer<Generation>((items) => events.emit('generation.updated', { items }), {
    intervalMs: EVENT_FLUSH_MS,
    key: (generation) => generation.id,
  })
  const changes = createChanges(events, coalescer)

  const references = createReferencesFeature({
    library,
    settings: settings.service,
    allowance: options.testNetworkAllowance,
  })
  // Styles and history follow the library through a rebuild, like every other part of it.
  const styleStore = liveMember(holder, 'styles')
  const history = createHistoryFeature({ history: liveMember(holder, 'history'), logger: log('history') })
  const styles = createStylesFeature({ styles: styleStore, events })
  const generation = createGenerationFeature({
    library,
    prompts: { styles: (ids) => styleStore.getMany(ids), record: history.record },
    client: () => connection.client(),
    limitsApply: () => connection.mode() === 'live',
    settings: settings.service,
    referencePayload: references.payload,
    clock,
    logger: log('engine'),
    notifier: ports.notifier,
    events,
    changes,
    tuning: options.engineTuning,
    appVersion: ports.appVersion,
  })
  // The folder picker's answers, kept here: export and import accept only these grants from the page.
  const grants = createFolderGrants(() => clock.now())
  const files = createFilesFeature({
    library,
    logger: log('files'),
    desktop: ports.desktop,
    changes,
    grants,
    appVersion: ports.appVersion,
  })
  connection.onRefresh(() => generation.credentialsChanged())
  settings.service.onChange(() => void connection.refresh())

  const handlers: CommandHandlers = {
    ...connection.handlers,
    ...settings.handlers,
    ...createKeyFeature({ vault, connection, events }).handlers,
    ...references.handlers,
    ...generation.handlers,
    ...createLibraryFeature({ library, logger: log('library'), changes }).handlers,
    ...files.handlers,
    ...createCollectionsFeature({ library, changes }).handlers,
    ...history.handlers,
    ...styles.handlers,
    ...createTransferFeature({
      library,
      logger: log('library'),
      clock,
      changes,
      grants,
      appVersion: ports.appVersion,
      styles: styleStore,
      onStylesImported: styles.announce,
    }).handlers,
    ...createRebuildFeature({ holder, libraryOptions, logger: log('rebuild'), clock, changes, extras: keeper })
      .handlers,
    ...createRecipeFeature({ library, logger: log('recipe'), clock, changes }).handlers,
  }

  return {
    router: createRouter(handlers, log('router')),
    resolveMediaPath: (relativePath) => library.resolvePath(relativePath),
    info: () => connection.info(),
    async start() {
      await connection.refresh()
      generation.start()
      files.start()
      // The copy catches up with anything a crash left it behind on.
      keeper.checkAll()
      logger.info({ mode: connection.mode(), session: randomUUID().slice(0, 8) }, 'core started')
    },
    async stop() {
      await generation.stop()
      await files.stop()
      coalescer.flushNow()
      coalescer.dispose()
      await keeper.stop()
      library.close()
      await connection.stop()
      instanceLock.release()
    },
  }
}
