import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EngineEvent, IPC_CHANNELS, type ReplyEnvelope, type SottoApi } from '../contract';
import { dispatchInvoke } from '../engine/host/dispatch';
import { isAppUrl } from './policy';

/**
 * The Electron transport of the contract. Every invoke is checked for its sender (only the
 * app's own top frame may call) and validated by the same dispatcher as the dev host's
 * WebSocket; every event is validated before it reaches the window.
 */
export function serveIpc(engine: SottoApi, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_CHANNELS.invoke, async (event: IpcMainInvokeEvent, envelope: unknown): Promise<ReplyEnvelope> => {
    const frame = event.senderFrame;
    const id = typeof (envelope as { id?: unknown } | null)?.id === 'number' ? (envelope as { id: number }).id : -1;
    // Our window, its top frame (no iframe), showing an app:// page.
    const ours = event.sender === getWindow()?.webContents && frame !== null && frame.parent === null && isAppUrl(frame.url);
    if (!ours) {
      return { id, ok: false, error: { code: 'forbidden_sender', message: 'Only the Sotto window may call the engine.', action: 'Reload the window.' } };
    }
    return dispatchInvoke(engine, envelope);
  });

  const unsubscribe = engine.onEvent((event) => sendEvent(getWindow(), event));
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CHANNELS.invoke);
  };
}

/** Sends one engine event to the window, if it is there and the event is valid. */
export function sendEvent(window: BrowserWindow | null, event: unknown): void {
  const parsed = EngineEvent.safeParse(event);
  if (!parsed.success) {
    console.error('[ipc] the engine produced an invalid event; not sent:', parsed.error.message);
    return;
  }
  if (!window || window.isDestroyed()) return;
  window.webContents.send(IPC_CHANNELS.event, parsed.data);
}
