/**
 * key.status, key.set and key.clear. A key is checked with the live server
 * before it is stored; every change goes out as `key.changed` and rebuilds the
 * connection (Demo ↔ live).
 */
import type { Connection } from '../connection'
import { UserFacingError } from '../ipc/errors'
import type { Feature } from '../ipc/router'
import type { EventSink } from '../ports'
import type { KeyVault } from './keyVault'

export type KeyCommand = 'key.status' | 'key.set' | 'key.clear'

export interface KeyDeps {
  vault: KeyVault
  connection: Pick<Connection, 'verifyKey' | 'refresh' | 'liveOrigin'>
  events: EventSink
}

export function createKeyFeature(deps: KeyDeps): Feature<KeyCommand> {
  const { vault, connection, events } = deps
  return {
    handlers: {
      'key.status': async () => vault.status(),
      'key.set': async ({ key }) => {
        // Bound to the origin it is verified against, read once so both use the same address.
        const origin = connection.liveOrigin()
        if ((await connection.verifyKey(key)) === 'invalid') {
          throw new UserFacingError('UNAUTHORIZED', 'runblob refused this API key. Check that it was copied whole.')
        }
        const status = await vault.save(key, origin)
        events.emit('key.changed', status)
        await connection.refresh()
        return status
      },
      'key.clear': async () => {
        const status = vault.clear()
        events.emit('key.changed', status)
        await connection.refresh()
        return status
      },
    },
  }
}
