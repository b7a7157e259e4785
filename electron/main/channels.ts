/** The only two IPC channels, and the media scheme. Shared by main and preload. */
export const IPC_REQUEST_CHANNEL = 'atelier:request'
export const IPC_EVENT_CHANNEL = 'atelier:event'
export const MEDIA_SCHEME = 'atelier-media'
