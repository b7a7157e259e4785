/** A real core in Live mode against its own simulator, and one finished generation made from one reference. */
import { expect } from 'vitest'
import { createSimulator } from '../../../electron/core/simulator'
import type { Simulator } from '../../../electron/core/simulator/types'
import { startTestCore, testPng, type TestCore } from './world'

export const SIM_KEY = 'sim-key-for-security-tests'

export const ok = <T>(result: unknown): T => {
  expect(result).toMatchObject({ ok: true })
  return (result as { data: T }).data
}

export async function startSimulator(cleanups: Array<() => Promise<void>>): Promise<Simulator> {
  const sim = await createSimulator({ apiKeys: [SIM_KEY], pendingMs: 10, processingMs: 10 })
  cleanups.push(() => sim.close())
  return sim
}

export async function liveCore(apiBaseUrl: string, cleanups: Array<() => Promise<void>>): Promise<TestCore> {
  const world = await startTestCore({}, { env: { apiBaseUrl, apiKey: SIM_KEY } })
  cleanups.push(() => world.close())
  await world.core.start()
  return world
}

/** Creates one generation with one reference and waits until it is completed; its id. */
export async function finishedGeneration(world: TestCore, prompt = 'an honest image'): Promise<string> {
  const { router } = world.core
  const reference = ok<{ id: string }>(
    await router.dispatch('reference.prepare', { source: { kind: 'bytes', name: 'ref.png', bytes: await testPng() } }),
  )
  const created = ok<{ generations: Array<{ id: string }> }>(
    await router.dispatch('generation.create', {
      prompt,
      aspectRatio: '1:1',
      referenceIds: [reference.id],
      variations: 1,
      callbackUrl: null,
    }),
  )
  const id = created.generations[0]!.id
  for (let attempt = 0; attempt < 400; attempt++) {
    if (ok<{ status: string }>(await router.dispatch('generation.get', { id })).status === 'completed') return id
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('the generation did not complete')
}
