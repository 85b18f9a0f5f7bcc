import { createContext, useContext } from 'react';
import { toCommandError, type CommandName, type CommandRequest, type CommandResponse, type SottoApi } from './contract';
import { useView } from './store';
import { createWsAdapter, wsConfigFromPage, type WsAdapter } from './transport/ws-adapter';

declare global {
  interface Window {
    /** Provided by the Electron preload; absent in a plain browser (dev/e2e), where the WebSocket adapter is used. */
    sotto?: SottoApi;
    /** Dev hook: where the WebSocket host is, instead of the page URL. */
    __SOTTO_WS__?: { url: string; token: string };
  }
}

export type ApiChoice = { kind: 'ipc'; api: SottoApi } | { kind: 'ws'; api: WsAdapter } | { kind: 'none'; refused: string | null };

/** The Electron preload's API when present, else the WebSocket adapter when the page says where the host is. */
export function chooseApi(): ApiChoice {
  if (window.sotto) return { kind: 'ipc', api: window.sotto };
  const config = wsConfigFromPage(window.location, window.__SOTTO_WS__);
  if (!config) return { kind: 'none', refused: null };
  if ('refused' in config) return { kind: 'none', refused: config.refused };
  return { kind: 'ws', api: createWsAdapter(config) };
}

export const ApiContext = createContext<SottoApi | null>(null);

/**
 * Responses that carry state go into the store at once, so the screen never depends on the
 * engine also emitting the matching event (settings.changed, status).
 */
export function applyResponse(command: CommandName, response: unknown): void {
  const view = useView.getState();
  switch (command) {
    case 'settings.get':
    case 'settings.update':
    case 'apikey.set':
      view.setSettings(response as CommandResponse<'settings.get'>);
      break;
    case 'status.get':
    case 'mode.set':
    case 'listen.set':
    case 'endpoint.check':
      view.setStatus(response as CommandResponse<'status.get'>);
      break;
    case 'ledger.get':
      view.setLedger(response as CommandResponse<'ledger.get'>);
      break;
    case 'models.list':
    case 'models.delete':
    case 'models.import':
      view.setModels((response as CommandResponse<'models.list'>).models);
      break;
    default:
      break;
  }
}

/**
 * `call(command, request)`: invokes and, on failure, shows the error (what happened, what to do)
 * and resolves null, so components never need their own try/catch for the common case.
 */
export function useCall(): <K extends CommandName>(command: K, request: CommandRequest<K>) => Promise<CommandResponse<K> | null> {
  const api = useContext(ApiContext);
  return async (command, request) => {
    if (!api) return null;
    try {
      const response = await api.invoke(command, request);
      applyResponse(command, response);
      return response;
    } catch (err) {
      useView.getState().commandFailed(command, toCommandError(err));
      return null;
    }
  };
}

/** Loads what the screen needs (first start and after every reconnect). */
export async function loadInitialState(api: SottoApi): Promise<void> {
  const load = async (command: 'settings.get' | 'status.get' | 'ledger.get' | 'models.list') => {
    try {
      applyResponse(command, await api.invoke(command, {}));
    } catch (err) {
      useView.getState().commandFailed(command, toCommandError(err));
    }
  };
  await Promise.all([load('settings.get'), load('status.get'), load('ledger.get'), load('models.list')]);
}
