/**
 * reference.prepare: dropped bytes, a URL, or an earlier result become a
 * prepared reference stored under refs/ and recorded in the library; and the
 * payload the engine sends for one.
 */
import { readFile } from 'node:fs/promises'
import type { ReferenceInfo } from '../../../shared/domain'
import type { Library } from '../db'
import { requireGeneration, UserFacingError } from '../ipc/errors'
import type { Feature } from '../ipc/router'
import type { SettingsService } from '../settings'
import { prepareReferenceBytes, referenceToPayload } from './prepare'
import { createLimiter, PREPARATION_CONCURRENCY } from './parallel'
import { prepareReferenceUrl } from './url'
import type { TestNetworkAllowance } from '../security/publicAddress'

export type ReferencesCommand = 'reference.prepare'

export interface ReferencesDeps {
  library: Pick<Library, 'resolvePath' | 'getGeneration' | 'saveReference'>
  settings: Pick<SettingsService, 'get'>
  /** Test-only loopback addresses a reference link may reach (see CoreOptions). */
  allowance?: TestNetworkAllowance | undefined
}

export function createReferencesFeature(
  deps: ReferencesDeps,
): Feature<ReferencesCommand> & { payload(reference: ReferenceInfo): Promise<string> } {
  const { library } = deps
  /** A tray's photos arrive as parallel calls; a few at a time run side by side (parallel.ts). */
  const preparing = createLimiter(PREPARATION_CONCURRENCY)

  async function prepare(source: Parameters<Feature<ReferencesCommand>['handlers']['reference.prepare']>[0]['source']) {
    const refsDir = library.resolvePath('refs')
    const maxEdge = deps.settings.get().referenceMaxEdge
    if (source.kind === 'bytes')
      return prepareReferenceBytes({ bytes: source.bytes, name: source.name }, { refsDir, maxEdge })
    if (source.kind === 'url') return prepareReferenceUrl(source.url, { refsDir, allowance: deps.allowance })
    const parent = requireGeneration(library, source.generationId)
    if (!parent.image) throw new UserFacingError('NOT_READY', 'This generation has no image yet.')
    const bytes = await readFile(library.resolvePath(parent.image.path))
    return {
      ...(await prepareReferenceBytes({ bytes, name: `${parent.prompt.slice(0, 60)}.png` }, { refsDir, maxEdge })),
      sourceGenerationId: parent.id,
    }
  }

  return {
    payload: (reference) => referenceToPayload(reference, (path) => library.resolvePath(path)),
    handlers: {
      'reference.prepare': ({ source }) =>
        preparing(async () => {
          const reference = await prepare(source)
          library.saveReference(reference)
          return reference
        }),
    },
  }
}
