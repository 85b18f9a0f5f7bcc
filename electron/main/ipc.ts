import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EventGate, IPC_CHANNELS, type EngineEvent, type ReplyEnvelope, type SottoApi } from '../contract';
import { dispatchInvoke, envelopeId } from '../engine/transport/dispatch';
import { outgoingEvent } from '../engine/transport/outgoing-event';
import { isAppUrl } from './policy';

export interface IpcTransport {
  /** Sends an event from main itself (hotkey notices), validated like engine events. */
  send(event: EngineEvent): void;
  /** The page finished loading (its preload listens): deliver what waited. */
  windowLoaded(): void;
  /** The page is gone or reloading: hold notices and errors again. */
  windowUnloaded(): void;
  dispose(): void;
}

/**
 * The Electron transport of the contract. Every invoke is checked for its sender (only the
 * app's own top frames, of the main window or the caption overlay, may call) and validated by
 * the same dispatcher as the dev host's WebSocket; every event is validated before it reaches
 * the window. Notices and errors raised before the page can listen (a reset settings file at
 * start-up) wait for it.
 */
export function serveIpc(engine: SottoApi, getWindow: () => BrowserWindow | null, getOverlay: () => BrowserWindow | null = () => null): IpcTransport {
  ipcMain.handle(IPC_CHANNELS.invoke, async (event: IpcMainInvokeEvent, envelope: unknown): Promise<ReplyEnvelope> => {
    const frame = event.senderFrame;
    // Our window, its top frame (no iframe), showing an app:// page.
    const window = [getWindow(), getOverlay()].find((w) => w !== null && !w.isDestroyed() && w.webContents === event.sender);
    const ours = window !== undefined && frame !== null && frame.parent === null && isAppUrl(frame.url);
    if (!ours) {
      return { id: envelopeId(envelope), ok: false, error: { code: 'forbidden_sender', message: 'Only the Sotto window may call the engine.', action: 'Reload the window.' } };
    }
    return dispatchInvoke(engine, envelope);
  });

  const gate = new EventGate((event) => {
    const window = getWindow();
    if (!window || window.isDestroyed()) return false;
    window.webContents.send(IPC_CHANNELS.event, event);
    return true;
  });
  // A contract-breaking event reaches the window as an invalid_event error, as over the dev host.
  const forward = (event: unknown) => {
    const checked = outgoingEvent(event);
    gate.push(checked);
    // The caption overlay needs what happens while it is open, not the notices held for the main window.
    const overlay = getOverlay();
    if (overlay && !overlay.isDestroyed()) overlay.webContents.send(IPC_CHANNELS.event, checked);
  };
  const unsubscribe = engine.onEvent(forward);
  return {
    send: forward,
    windowLoaded: () => gate.open(),
    windowUnloaded: () => gate.close(),
    dispose() {
      unsubscribe();
      ipcMain.removeHandler(IPC_CHANNELS.invoke);
    },
  };
}
