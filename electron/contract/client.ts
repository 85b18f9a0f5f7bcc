import type { SottoApi, InvokeEnvelope } from './api';
import { commands, isCommandName, type CommandError, type CommandName, type CommandRequest, type CommandResponse } from './commands';
import { SottoCommandError } from './errors';
import { createEventStream } from './event-stream';
import { EngineEvent } from './events';
import { describeZodError, toCommandError } from './to-command-error';
import { ReplyEnvelopeSchema } from './wire';

/** What a transport supplies: how an envelope travels. Events it hands to `receive`. */
export interface ClientTransport {
  /** Sends one call and resolves with the raw reply envelope; rejects (ideally with an ActionableError) when it cannot. */
  send(envelope: InvokeEnvelope): Promise<unknown>;
  /** How a failure reaches the caller. Default: a SottoCommandError. */
  toError?(error: CommandError): Error;
  /** An event that breaks the contract: return what to deliver instead, or null to drop it. Default: drop. */
  onInvalidEvent?(reason: string): EngineEvent | null;
}

/** The contract as a window uses it, plus the door for the transport's incoming events. */
export interface ContractClient extends SottoApi {
  /** Every raw event from the transport: validated, then given to the listeners. */
  receive(raw: unknown): void;
}

const UPDATE_ACTION = 'Update Sotto so the window and the engine are the same version.';
const TRANSPORT_FAILED = { code: 'transport_failed', action: 'Restart Sotto; if it keeps happening, report this message.' };

/** The request, validated by its command's own schema, or the CommandError that says why not. */
function checkRequest(command: unknown, request: unknown): { ok: true; request: unknown } | { ok: false; error: CommandError } {
  if (!isCommandName(command)) {
    return { ok: false, error: { code: 'unknown_command', message: `"${String(command)}" is not a Sotto command.`, action: 'This is a bug in the window; reload it.' } };
  }
  const parsed = commands[command].request.safeParse(request);
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, error: { code: 'invalid_request', message: `Invalid ${command} request: ${describeZodError(parsed.error)}`, action: 'Check the values you entered and try again.' } };
}

/** The response inside a raw reply to call `id`, validated, or the CommandError that says why not. */
function checkReply(command: CommandName, id: number, raw: unknown): { ok: true; response: unknown } | { ok: false; error: CommandError } {
  const reply = ReplyEnvelopeSchema.safeParse(raw);
  if (!reply.success || reply.data.id !== id) {
    return { ok: false, error: { code: 'invalid_reply', message: `The engine's reply to ${command} was malformed.`, action: UPDATE_ACTION } };
  }
  if (!reply.data.ok) return { ok: false, error: reply.data.error };
  const response = commands[command].response.safeParse(reply.data.response);
  if (response.success) return { ok: true, response: response.data };
  return { ok: false, error: { code: 'invalid_response', message: `The engine answered ${command} with data the window cannot use.`, action: UPDATE_ACTION } };
}

/**
 * The window's side of the contract, whatever carries it (Electron IPC in the preload, the dev
 * host's WebSocket in a browser): every call is validated before it leaves and every reply and
 * event before the page sees it. The engine side validates again: neither trusts the other.
 */
export function createContractClient(transport: ClientTransport): ContractClient {
  const toError = transport.toError ?? ((error: CommandError) => new SottoCommandError(error));
  const onInvalidEvent = transport.onInvalidEvent ?? (() => null);
  const events = createEventStream();
  let nextId = 1;

  async function invoke<K extends CommandName>(command: K, request: CommandRequest<K>): Promise<CommandResponse<K>> {
    const checked = checkRequest(command, request);
    if (!checked.ok) throw toError(checked.error);
    const envelope: InvokeEnvelope = { id: nextId++, command, request: checked.request };
    let raw: unknown;
    try {
      raw = await transport.send(envelope);
    } catch (error) {
      throw toError(toCommandError(error, TRANSPORT_FAILED));
    }
    const reply = checkReply(command, envelope.id, raw);
    if (!reply.ok) throw toError(reply.error);
    return reply.response as CommandResponse<K>;
  }

  function receive(raw: unknown): void {
    const parsed = EngineEvent.safeParse(raw);
    const event = parsed.success ? parsed.data : onInvalidEvent(describeZodError(parsed.error));
    if (event) events.emit(event);
  }

  return { invoke, receive, onEvent: events.subscribe };
}
