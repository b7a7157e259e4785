import { describe, expect, it, vi } from 'vitest'
import { createRouter, type CommandHandlers } from './router'
import { UserFacingError } from './errors'
import { createSilentLogger } from '../logging/createLogger'

function handlers(overrides: Partial<CommandHandlers>): CommandHandlers {
  const fail = async () => {
    throw new Error('not used in this test')
  }
  return new Proxy(overrides as CommandHandlers, {
    get: (target, key: string) => (target as Record<string, unknown>)[key] ?? fail,
  })
}

describe('router', () => {
  it('never throws: unknown commands, bad input, user errors and crashes become envelopes', async () => {
    const logger = createSilentLogger()
    const errorSpy = vi.spyOn(logger, 'error')
    const router = createRouter(
      handlers({
        'generation.get': async ({ id }) => {
          if (id === 'crash') throw new TypeError('boom with secret sk-123')
          throw new UserFacingError('NOT_FOUND', 'That image is no longer in the library.')
        },
      }),
      logger,
    )
    expect(await router.dispatch('no.such', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
    expect(await router.dispatch('generation.get', { id: 42 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await router.dispatch('generation.get', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That image is no longer in the library.' },
    })
    const crashed = await router.dispatch('generation.get', { id: 'crash' })
    expect(crashed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(crashed)).not.toContain('sk-123')
    expect(errorSpy).toHaveBeenCalledTimes(1)
  })

  it('checks handler output against the contract', async () => {
    const router = createRouter(
      handlers({ 'engine.state': async () => ({ state: 'sleeping' }) as never }),
      createSilentLogger(),
    )
    expect(await router.dispatch('engine.state', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})
