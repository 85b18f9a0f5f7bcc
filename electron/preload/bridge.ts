import { ActionableError, CommandError, createContractClient, IPC_CHANNELS, type InvokeEnvelope, type SottoApi } from '../contract';

/** The part of Electron's ipcRenderer the bridge uses (structural, so it runs without Electron in tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/**
 * A failed call. contextBridge copies only an Error's message to the page, so the
 * CommandError travels as JSON in the message (the contract's toCommandError reads it back).
 */
function errorForContextBridge(error: CommandError): Error {
  const e = new Error(JSON.stringify(CommandError.parse(error)));
  e.name = 'SottoCommandError';
  return e;
}

/** One call over ipcRenderer.invoke; when IPC itself fails (no handler, main gone) the error says so. */
function invokeOverIpc(ipc: IpcRendererLike, envelope: InvokeEnvelope): Promise<unknown> {
  return ipc.invoke(IPC_CHANNELS.invoke, envelope).catch((error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ActionableError('ipc_failed', `The engine did not answer ${envelope.command}: ${detail}`, 'Restart Sotto; if it keeps happening, report this message.');
  });
}

/**
 * `window.sotto` over Electron IPC: the contract's validated client (every call checked before it
 * leaves the page, every reply and event before the page sees it; main validates again). The
 * bridge listens from the moment the preload runs, so a notice sent while the page is still
 * starting (a reset settings file) reaches the page's first listener.
 */
export function createSottoApi(ipc: IpcRendererLike, onInvalidEvent: (reason: string) => void = () => undefined): SottoApi {
  const client = createContractClient({
    send: (envelope) => invokeOverIpc(ipc, envelope),
    toError: errorForContextBridge,
    onInvalidEvent: (reason) => {
      onInvalidEvent(reason);
      return null;
    },
  });
  ipc.on(IPC_CHANNELS.event, (_event: unknown, payload: unknown) => client.receive(payload));
  return { invoke: client.invoke, onEvent: client.onEvent };
}
