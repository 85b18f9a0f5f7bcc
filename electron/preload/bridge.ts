import {
  CommandError,
  EngineEvent,
  IPC_CHANNELS,
  ReplyEnvelopeSchema,
  commands,
  isCommandName,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type SottoApi,
} from '../contract';

/** The part of Electron's ipcRenderer the bridge uses (structural, so it runs without Electron in tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/**
 * A failed call. contextBridge copies only an Error's message to the page, so the
 * CommandError travels as JSON in the message (the renderer's toCommandError reads it back).
 */
function commandError(error: CommandError): Error {
  const e = new Error(JSON.stringify(CommandError.parse(error)));
  e.name = 'SottoCommandError';
  return e;
}

/** Notices and errors that arrive before the page subscribes are kept for its first listener. */
const KEEP_UNTIL_SUBSCRIBED = new Set<EngineEvent['type']>(['notice', 'error']);
const MAX_EARLY = 50;

/**
 * `window.sotto` over Electron IPC: validates every call before it leaves the page and every
 * reply and event before the page sees it. Main validates again (it trusts no renderer).
 * The bridge listens from the moment the preload runs, so a notice sent while the page is
 * still starting (a reset settings file) reaches the page's first listener.
 */
export function createSottoApi(ipc: IpcRendererLike, onInvalidEvent: (reason: string) => void = () => undefined): SottoApi {
  let nextId = 1;
  const listeners = new Set<(event: EngineEvent) => void>();
  let early: EngineEvent[] | null = [];
  ipc.on(IPC_CHANNELS.event, (_event: unknown, payload: unknown) => {
    const parsed = EngineEvent.safeParse(payload);
    if (!parsed.success) {
      onInvalidEvent(parsed.error.message);
      return;
    }
    if (early && KEEP_UNTIL_SUBSCRIBED.has(parsed.data.type)) {
      early.push(parsed.data);
      if (early.length > MAX_EARLY) early.shift();
    }
    for (const listener of listeners) listener(parsed.data);
  });
  return {
    async invoke<K extends CommandName>(command: K, request: CommandRequest<K>): Promise<CommandResponse<K>> {
      if (!isCommandName(command)) {
        throw commandError({ code: 'unknown_command', message: `"${String(command)}" is not a Sotto command.`, action: 'This is a bug in the window; reload it.' });
      }
      const schemas = commands[command];
      const parsedRequest = schemas.request.safeParse(request);
      if (!parsedRequest.success) {
        const detail = parsedRequest.error.issues.slice(0, 3).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
        throw commandError({ code: 'invalid_request', message: `Invalid ${command} request: ${detail}`, action: 'Check the values you entered and try again.' });
      }
      const id = nextId++;
      let raw: unknown;
      try {
        raw = await ipc.invoke(IPC_CHANNELS.invoke, { id, command, request: parsedRequest.data });
      } catch (error) {
        throw commandError({ code: 'ipc_failed', message: `The engine did not answer ${command}: ${(error as Error).message}`, action: 'Restart Sotto; if it keeps happening, report this message.' });
      }
      const reply = ReplyEnvelopeSchema.safeParse(raw);
      if (!reply.success || reply.data.id !== id) {
        throw commandError({ code: 'invalid_reply', message: `The engine's reply to ${command} was malformed.`, action: 'Update Sotto so the window and the engine are the same version.' });
      }
      if (!reply.data.ok) throw commandError(reply.data.error);
      const response = schemas.response.safeParse(reply.data.response);
      if (!response.success) {
        throw commandError({ code: 'invalid_response', message: `The engine answered ${command} with data the window cannot use.`, action: 'Update Sotto so the window and the engine are the same version.' });
      }
      return response.data as CommandResponse<K>;
    },

    onEvent(listener: (event: EngineEvent) => void): () => void {
      listeners.add(listener);
      if (early) {
        const waiting = early;
        early = null;
        for (const event of waiting) listener(event);
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
