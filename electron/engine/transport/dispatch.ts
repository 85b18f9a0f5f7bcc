import { commands, describeZodError, isCommandName, toCommandError, InvokeEnvelopeSchema } from '../../contract';
import type { CommandError, ReplyEnvelope, SottoApi, CommandName } from '../../contract';

/** What an engine failure without its own code and action tells the user. */
export const ENGINE_FAILED = { code: 'engine_error', action: 'Try again. If it keeps failing, restart Sotto and report this message.' };

const fail = (id: number, error: CommandError): ReplyEnvelope => ({ id, ok: false, error });

/** The call id of a raw envelope, so even a malformed one gets its answer (-1 when it has none). */
export function envelopeId(raw: unknown): number {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isInteger(id) ? id : -1;
}

/**
 * One invoke from an untrusted client, for every engine-side transport (Electron IPC in main, the
 * dev host's WebSocket): validate the envelope, the command name and the request, call the engine,
 * validate its response. Always resolves with a reply (never throws), so one bad message can't
 * take the transport down.
 */
export async function dispatchInvoke(api: SottoApi, raw: unknown): Promise<ReplyEnvelope> {
  const envelope = InvokeEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    return fail(envelopeId(raw), { code: 'bad_envelope', message: `Malformed call: ${describeZodError(envelope.error)}`, action: 'This is a bug in the UI transport; reload the window.' });
  }
  const { id, command, request } = envelope.data;
  if (!isCommandName(command)) {
    return fail(id, { code: 'unknown_command', message: `The engine has no command "${command}".`, action: 'Update Sotto so the window and the engine are the same version.' });
  }
  const schemas = commands[command];
  const req = schemas.request.safeParse(request);
  if (!req.success) {
    return fail(id, { code: 'invalid_request', message: `Invalid ${command} request: ${describeZodError(req.error)}`, action: 'Check the values you entered and try again.' });
  }
  let result: unknown;
  try {
    // The request was parsed with this command's own schema, so the cast only restores what TS can't correlate.
    result = await api.invoke(command as CommandName, req.data as never);
  } catch (err) {
    return fail(id, toCommandError(err, ENGINE_FAILED));
  }
  const res = schemas.response.safeParse(result);
  if (!res.success) {
    return fail(id, { code: 'invalid_response', message: `The engine answered ${command} with invalid data: ${describeZodError(res.error)}`, action: ENGINE_FAILED.action });
  }
  return { id, ok: true, response: res.data };
}
