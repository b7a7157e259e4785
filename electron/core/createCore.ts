/**
 * The composition root of the core: builds every service from the ports it is
 * given and returns the command handlers plus start/stop. Electron main and the
 * browser-mode host both call this, so the app behaves the same in both.
 */
import { randomUUID } from 'node:crypto'
import type { AppInfo } from '../../shared/contract'
import type { Generation } from '../../shared/domain'
import { createRouter, type CommandHandlers, type Router } from './ipc/router'
import { UserFacingError } from './ipc/errors'
import type { CorePorts } from './ports'
import { acquireInstanceLock } from './instanceLock'
import { createSettingsService } from './settings/settingsService'
import { createKeyVault } from './secrets/keyVault'
import { openLibrary } from './library'
import { createTaskEngine, createCoalescer } from './tasks'
import { createRunblobClient } from './runblob/client'
import { createSimulator, DEMO_API_KEY } from './simulator'
import type { Simulator } from './simulator/types'
import type { RunblobClient } from './runblob/types'
import { prepareReferenceBytes, prepareReferenceUrl, referenceToPayload } from './references'
import { computeEstimates, createSpendGuard } from './spend'
import { createLibraryCommands } from './library/commands'
import { createFileCheck } from './thumbnails'

export interface Core {
  readonly router: Router
  /** Absolute path of a library-relative media path, or throws if it escapes the library. */
  resolveMediaPath(relativePath: string): string
  info(): AppInfo
  start(): Promise<void>
  stop(): Promise<void>
}

/** The demo simulator: quick enough to try the app, slow enough to see every state. */
const DEMO_TIMINGS = { pendingMs: 2500, processingMs: 6000 }
/** Demo mode charges nothing, so its tasks are priced at zero and never count as spending. */
const DEMO_PRICE = '0.0000'
const EVENT_FLUSH_MS = 100
/** Finished tasks the time estimates learn from. */
const ESTIMATE_SAMPLES = 200
/** Where the studio's unsent draft is kept, beside the settings. */
const DRAFT_KEY = 'studioDraft'

export async function createCore(ports: CorePorts): Promise<Core> {
  const logger = ports.logger
  const instanceLock = acquireInstanceLock(ports.dataDir)
  const settings = createSettingsService(ports.store, logger.child({ module: 'settings' }))
  const keyVault = createKeyVault({
    store: ports.store,
    cipher: ports.cipher,
    logger: logger.child({ module: 'secrets' }),
    environmentKey: ports.env?.apiKey,
  })
  await keyVault.load()
  const library = openLibrary({ dataDir: ports.dataDir, logger: logger.child({ module: 'library' }) })

  const environmentBaseUrl = ports.env?.apiBaseUrl?.trim() || null
  // Pointing the app at a server from the environment answers the first-run question.
  if (environmentBaseUrl && settings.get().mode === null) settings.update({ mode: 'live' })
  let demoSimulator: Simulator | null = null

  /** Live when the user chose it (or the environment points at a server); Demo otherwise. */
  function effectiveMode(): AppInfo['mode'] {
    if (environmentBaseUrl) return 'live'
    return settings.get().mode === 'live' && keyVault.current() ? 'live' : 'demo'
  }

  let client: RunblobClient | null = null
  function buildClient(): RunblobClient | null {
    if (effectiveMode() === 'demo') {
      if (!demoSimulator) return null
      return createRunblobClient({ baseUrl: demoSimulator.url, apiKey: () => DEMO_API_KEY, logger, appVersion: ports.appVersion })
    }
    const baseUrl = environmentBaseUrl ?? settings.get().apiBaseUrl
    return keyVault.current() ? createRunblobClient({ baseUrl, apiKey: () => keyVault.current(), logger, appVersion: ports.appVersion }) : null
  }

  const coalescer = createCoalescer<Generation>((items) => ports.events.emit('generation.updated', { items }), {
    intervalMs: EVENT_FLUSH_MS,
    key: (generation) => generation.id,
  })

  // Missing images are flagged, missing thumbnails rebuilt, in the background (and on demand).
  const fileCheck = createFileCheck({
    library,
    logger: logger.child({ module: 'files' }),
    onChanged: (generations) => generations.forEach((generation) => coalescer.push(generation)),
  })

  const engine = createTaskEngine({
    library,
    getClient: () => client,
    clock: ports.clock,
    logger: logger.child({ module: 'engine' }),
    notifier: {
      notify: (title, body, options) => {
        if (settings.get().notifications) ports.notifier.notify(title, body, options)
      },
    },
    onGenerationChanged: (generation) => coalescer.push(generation),
    onStateChanged: (state) => ports.events.emit('engine.stateChanged', state),
    referencePayload: (reference) => referenceToPayload(reference, (path) => library.resolvePath(path)),
    ...(ports.engineTuning ? { tuning: ports.engineTuning } : {}),
  })

  async function refreshClient(): Promise<void> {
    if (effectiveMode() === 'demo' && !demoSimulator) {
      demoSimulator = await createSimulator({ ...DEMO_TIMINGS, price: DEMO_PRICE })
      logger.info({ url: demoSimulator.url }, 'demo simulator started')
    }
    client = buildClient()
    engine.credentialsChanged()
  }

  settings.onChange((next) => {
    ports.events.emit('settings.changed', next)
    void refreshClient()
  })

  function info(): AppInfo {
    return {
      version: ports.appVersion,
      mode: effectiveMode(),
      apiBaseUrl: effectiveMode() === 'demo' ? 'demo simulator' : (environmentBaseUrl ?? settings.get().apiBaseUrl),
      dataDir: ports.dataDir,
      platform: ports.platform,
      transport: ports.transport,
      capabilities: {
        copyImage: ports.desktop !== undefined,
        saveAs: ports.desktop !== undefined,
        reveal: ports.desktop !== undefined,
        nativeDrag: ports.desktop !== undefined,
        chooseFolder: ports.desktop !== undefined,
      },
    }
  }

  const spend = createSpendGuard({
    recentGenerations: (limit) => library.listGenerations({ limit }).items,
    spendSummary: (now) => library.spendSummary(now),
    settings: () => settings.get(),
    limitsApply: () => effectiveMode() === 'live',
    clock: ports.clock,
  })

  function requireGeneration(id: string): Generation {
    const generation = library.getGeneration(id)
    if (!generation) throw new UserFacingError('NOT_FOUND', 'That image is no longer in the library.')
    return generation
  }

  const handlers: CommandHandlers = {
    ...createLibraryCommands({
      library,
      fileCheck,
      logger: logger.child({ module: 'library' }),
      store: ports.store,
      desktop: ports.desktop,
      now: () => new Date(ports.clock.now()),
      emitGenerations: (generations) => generations.forEach((generation) => coalescer.push(generation)),
      emitLibraryChanged: (reason) => {
        coalescer.flushNow()
        ports.events.emit('library.changed', { reason })
      },
    }),
    'app.info': async () => info(),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => settings.update(patch),
    'key.status': async () => keyVault.status(),
    'key.set': async ({ key }) => {
      const baseUrl = environmentBaseUrl ?? settings.get().apiBaseUrl
      const verdict = await createRunblobClient({ baseUrl, apiKey: () => key, logger, appVersion: ports.appVersion }).verifyKey()
      if (verdict === 'invalid') {
        throw new UserFacingError('UNAUTHORIZED', 'runblob refused this API key. Check that it was copied whole.')
      }
      const status = await keyVault.save(key)
      ports.events.emit('key.changed', status)
      await refreshClient()
      return status
    },
    'key.clear': async () => {
      const status = keyVault.clear()
      ports.events.emit('key.changed', status)
      await refreshClient()
      return status
    },
    'reference.prepare': async ({ source }) => {
      const refsDir = library.resolvePath('refs')
      const maxEdge = settings.get().referenceMaxEdge
      let reference
      if (source.kind === 'bytes') {
        reference = await prepareReferenceBytes({ bytes: source.bytes, name: source.name }, { refsDir, maxEdge })
      } else if (source.kind === 'url') {
        reference = await prepareReferenceUrl(source.url, { refsDir })
      } else {
        const parent = requireGeneration(source.generationId)
        if (!parent.image) throw new UserFacingError('NOT_READY', 'This generation has no image yet.')
        const { readFile } = await import('node:fs/promises')
        const bytes = await readFile(library.resolvePath(parent.image.path))
        reference = {
          ...(await prepareReferenceBytes({ bytes, name: `${parent.prompt.slice(0, 60)}.png` }, { refsDir, maxEdge })),
          sourceGenerationId: parent.id,
        }
      }
      library.saveReference(reference)
      return reference
    },
    'generation.create': async (input) => {
      spend.check(input.variations, input.confirmOverLimit)
      const references = input.referenceIds.map((id) => {
        const reference = library.getReference(id)
        if (!reference) throw new UserFacingError('REFERENCE_MISSING', 'A reference image is no longer available; add it again.')
        return reference
      })
      const generations = engine.create({
        prompt: input.prompt,
        aspectRatio: input.aspectRatio,
        references,
        variations: input.variations,
        callbackUrl: input.callbackUrl,
      })
      return { generations }
    },
    'generation.list': async (query) => library.listGenerations(query),
    'generation.get': async ({ id }) => requireGeneration(id),
    'generation.retry': async ({ id }) => engine.retry(id),
    'generation.setFavorite': async ({ id, favorite }) => {
      requireGeneration(id)
      const updated = library.updateGeneration(id, { favorite })
      coalescer.push(updated)
      return updated
    },
    'engine.state': async () => engine.state(),
    'spend.summary': async () => library.spendSummary(new Date(ports.clock.now())),
    'generation.quote': async ({ variations }) => spend.quote(variations),
    'generation.estimates': async () => computeEstimates(library.recentDurations(ESTIMATE_SAMPLES)),
    'draft.get': async () => ({ draft: ports.store.get(DRAFT_KEY) ?? null }),
    'draft.save': async ({ draft }) => {
      ports.store.set(DRAFT_KEY, draft)
      return {}
    },
  }

  const router = createRouter(handlers, logger.child({ module: 'router' }))

  return {
    router,
    resolveMediaPath: (relativePath) => library.resolvePath(relativePath),
    info,
    async start() {
      await refreshClient()
      engine.start()
      fileCheck.start()
      logger.info({ mode: effectiveMode(), session: randomUUID().slice(0, 8) }, 'core started')
    },
    async stop() {
      await engine.stop()
      await fileCheck.stop()
      coalescer.flushNow()
      coalescer.dispose()
      library.close()
      await demoSimulator?.close()
      instanceLock.release()
    },
  }
}
