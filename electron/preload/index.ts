// Bundled to ONE CommonJS file (dist-electron/preload.cjs): sandboxed preloads cannot require other files.
import { contextBridge, ipcRenderer } from 'electron';
import { createSottoApi } from './bridge';

const api = createSottoApi(ipcRenderer, (reason) => console.warn('[sotto] dropped an invalid engine event:', reason));

// Exactly invoke and onEvent: the page never sees ipcRenderer or a generic send.
contextBridge.exposeInMainWorld('sotto', {
  invoke: (command: string, request: unknown) => api.invoke(command as never, request as never),
  onEvent: (listener: Parameters<typeof api.onEvent>[0]) => api.onEvent(listener),
});
