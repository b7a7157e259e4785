/**
 * The renderer's one way to the core: `atelier`, the typed client, used by the
 * stores and the components alike. `window.atelier` is the raw transport
 * (preload or browser-mode bridge); only this folder reads it (lint-enforced:
 * eslint.config.js), wrapping it once, lazily, so unit tests can inject an API
 * built over a fake transport before anything asks for it.
 */
import { createAtelierApi, type AtelierApi } from '../../../shared/api'

let instance: AtelierApi | null = null

/** True when a transport was installed before the page loaded. */
export function isCoreConnected(): boolean {
  return typeof window !== 'undefined' && typeof window.atelier === 'object' && window.atelier !== null
}

function getAtelier(): AtelierApi {
  if (instance) return instance
  if (!isCoreConnected()) throw new Error("Atelier's core is not connected")
  instance = createAtelierApi(window.atelier)
  return instance
}

/** Tests build an API over a fake transport and install it here (null resets). */
export function setAtelierForTests(api: AtelierApi | null): void {
  instance = api
}

/** The same API, resolved on first use (so importing this module never touches `window`). */
export const atelier: AtelierApi = {
  get transport() {
    return getAtelier().transport
  },
  invoke(name, input) {
    return getAtelier().invoke(name, input)
  },
  on(event, handler) {
    return getAtelier().on(event, handler)
  },
  mediaUrl(path) {
    return getAtelier().mediaUrl(path)
  },
  onReconnect(listener) {
    return getAtelier().onReconnect(listener)
  },
}
