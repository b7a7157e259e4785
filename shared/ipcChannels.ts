/**
 * The names both sides of Electron IPC agree on: the two channels, and the
 * schemes the page is served from. Main and the preload import them from here.
 */
export const IPC_REQUEST_CHANNEL = 'atelier:request'
export const IPC_EVENT_CHANNEL = 'atelier:event'

/** The renderer is served from `app://atelier/…` (never file://). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'atelier'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** Library images: `atelier-media://library/<images|thumbs|refs>/…`. */
export const MEDIA_SCHEME = 'atelier-media'
export const MEDIA_HOST = 'library'
