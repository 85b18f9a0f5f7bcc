import { createContext, useContext } from 'react';
import type { CommandName, CommandRequest, CommandResponse, SottoApi } from './contract';
import { useView } from './store';
import { toCommandError } from './transport/errors';
import { createWsAdapter, wsConfigFromPage, type WsAdapter } from './transport/ws-adapter';

declare global {
  interface Window {
    /** Provided by the Electron preload; absent in a plain browser (dev/e2e), where the WebSocket adapter is used. */
    sotto?: SottoApi;
    /** Dev hook: where the WebSocket host is, instead of the page URL. */
    __SOTTO_WS__?: { url: string; token: string };
  }
}

export type ApiChoice = { kind: 'ipc'; api: SottoApi } | { kind: 'ws'; api: WsAdapter } | { kind: 'none' };

/** The Electron preload's API when present, else the WebSocket adapter when the page says where the host is. */
export function chooseApi(): ApiChoice {
  if (window.sotto) return { kind: 'ipc', api: window.sotto };
  const config = wsConfigFromPage(window.location, window.__SOTTO_WS__);
  return config ? { kind: 'ws', api: createWsAdapter(config) } : { kind: 'none' };
}

export const ApiContext = createContext<SottoApi | null>(null);

/**
 * `call(command, request)`: invokes and, on failure, shows the error (what happened, what to do)
 * and resolves null, so components never need their own try/catch for the common case.
 */
export function useCall(): <K extends CommandName>(command: K, request: CommandRequest<K>) => Promise<CommandResponse<K> | null> {
  const api = useContext(ApiContext);
  return async (command, request) => {
    if (!api) return null;
    try {
      return await api.invoke(command, request);
    } catch (err) {
      useView.getState().commandFailed(command, toCommandError(err));
      return null;
    }
  };
}

/** Loads what the screen needs (first start and after every reconnect). */
export async function loadInitialState(api: SottoApi): Promise<void> {
  const view = useView.getState();
  const guard = async <T>(command: string, p: Promise<T>, use: (v: T) => void) => {
    try {
      use(await p);
    } catch (err) {
      view.commandFailed(command, toCommandError(err));
    }
  };
  await Promise.all([
    guard('settings.get', api.invoke('settings.get', {}), (s) => view.setSettings(s)),
    guard('status.get', api.invoke('status.get', {}), (s) => view.setStatus(s)),
    guard('ledger.get', api.invoke('ledger.get', {}), (t) => view.setLedger(t)),
    guard('models.list', api.invoke('models.list', {}), (m) => view.setModels(m.models)),
  ]);
}
