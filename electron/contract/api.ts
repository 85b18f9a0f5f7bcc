import type { CommandName, CommandRequest, CommandResponse } from './commands';
import type { EngineEvent } from './events';

/**
 * `window.sotto`: exactly the contract's calls and its event stream, nothing raw.
 * Implemented by the preload (Electron IPC) and by the browser adapter (WebSocket to the dev host).
 */
export interface SottoApi {
  invoke<K extends CommandName>(command: K, request: CommandRequest<K>): Promise<CommandResponse<K>>;
  /** Returns an unsubscribe function. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
}

/** Wire envelopes shared by both transports. */
export interface InvokeEnvelope { id: number; command: string; request: unknown }
export type ReplyEnvelope =
  | { id: number; ok: true; response: unknown }
  | { id: number; ok: false; error: { code: string; message: string; action: string } };
