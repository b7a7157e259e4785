/** A shell pointed at the simulator with fast polling, and a helper that makes one finished image. */
import { createSimulator } from '../../../electron/core/simulator'
import type { Simulator } from '../../../electron/core/simulator/types'
import type { Generation } from '../../../shared/domain'
import { bootShell, type BootOptions, type BootedShell } from './bootShell'

export const FAST = { firstPollDelayMs: 20, pollIntervalMs: 20, pollIntervalCapMs: 40, notifyBatchMs: 10 }

export interface LiveShell extends BootedShell {
  simulator: Simulator
  /** Submits a prompt and waits until its image is in the library. */
  finishedImage(prompt?: string): Promise<Generation>
}

export async function bootLiveShell(options: BootOptions = {}): Promise<LiveShell> {
  const simulator = await createSimulator({ pendingMs: 30, processingMs: 30, resultLongEdge: 64, apiKeys: ['sim-key'] })
  const booted = await bootShell({
    ...options,
    env: { ATELIER_API_BASE_URL: simulator.url, ATELIER_API_KEY: 'sim-key', ...options.env },
    engineTuning: FAST,
    after: () => simulator.close(),
  })
  booted.window.webContents.mainFrame.url = 'app://atelier/index.html'
  return {
    ...booted,
    simulator,
    async finishedImage(prompt = 'a lighthouse at dusk') {
      const reply = (await booted.request('generation.create', {
        prompt,
        aspectRatio: '1:1',
        referenceIds: [],
        variations: 1,
        callbackUrl: null,
      })) as {
        ok: boolean
        data: { generations: Generation[] }
      }
      if (!reply.ok) throw new Error(`generation.create failed: ${JSON.stringify(reply)}`)
      const id = reply.data.generations[0]!.id
      return booted.generation((g) => g.id === id && g.status === 'completed')
    },
  }
}
