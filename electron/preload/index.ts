// Bundled to ONE CommonJS file (dist-electron/preload.cjs): sandboxed preloads cannot require other files.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createSottoApi } from './bridge';

const api = createSottoApi(ipcRenderer, (reason) => console.warn('[sotto] dropped an invalid engine event:', reason));

// Exactly invoke, onEvent and the path of a file the user picked: the page never sees ipcRenderer or a generic send.
contextBridge.exposeInMainWorld('sotto', {
  invoke: (command: string, request: unknown) => api.invoke(command as never, request as never),
  onEvent: (listener: Parameters<typeof api.onEvent>[0]) => api.onEvent(listener),
  // Only a File the page got from a file picker or a drop has a path ('' otherwise); anything else is refused.
  pathForFile: (file: File) => {
    try {
      return webUtils.getPathForFile(file) || null;
    } catch {
      return null;
    }
  },
});
