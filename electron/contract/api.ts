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
  /**
   * The app only: the path on this computer of a file the user picked in an <input type="file"> (for "Import a model
   * file"). Absent in a browser, where the page never learns paths: the UI offers a path field there instead.
   */
  pathForFile?(file: File): string | null;
}

/** Wire envelopes shared by both transports. */
export interface InvokeEnvelope { id: number; command: string; request: unknown }
export type ReplyEnvelope =
  | { id: number; ok: true; response: unknown }
  | { id: number; ok: false; error: { code: string; message: string; action: string } };
