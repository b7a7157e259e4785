/**
 * The preload: a generic forwarder. It exposes exactly one object,
 * `window.atelier` (the raw Transport of shared/api.ts), over two channels. No
 * route is named here, so a new command needs no preload change; validation
 * happens in main (inputs) and in the page (replies and events).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { Transport } from '../../shared/api'
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, MEDIA_SCHEME } from '../../shared/ipcChannels'

const transport: Transport = {
  kind: 'electron',
  request: (name, input) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, name, input),
  listen(listener) {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload)
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler)
    }
  },
  mediaUrl: (path) => `${MEDIA_SCHEME}://library/${path.split('/').map(encodeURIComponent).join('/')}`,
}

contextBridge.exposeInMainWorld('atelier', transport)
