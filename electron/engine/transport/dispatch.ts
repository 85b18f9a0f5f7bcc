import { commands, isCommandName, CommandError, InvokeEnvelopeSchema } from '../../contract';
import type { ReplyEnvelope, SottoApi, CommandName } from '../../contract';
import type { z } from 'zod';

const DEFAULT_ACTION = 'Try again. If it keeps failing, restart Sotto and report this message.';

/** Short, human-readable summary of a zod failure: "patch.cloud.baseUrl: Invalid URL". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Any thrown value → the contract's CommandError. Engine errors that already carry
 * {code, message, action} keep them (that is how the engine tells the user what to do).
 */
export function toCommandError(err: unknown): CommandError {
  const parsed = CommandError.safeParse(err);
  if (parsed.success) return parsed.data;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; action?: unknown };
    const message = typeof e.message === 'string' && e.message ? e.message : String(err);
    return {
      code: typeof e.code === 'string' && e.code ? e.code : 'engine_error',
      message,
      action: typeof e.action === 'string' && e.action ? e.action : DEFAULT_ACTION,
    };
  }
  return { code: 'engine_error', message: String(err), action: DEFAULT_ACTION };
}

function fail(id: number, code: string, message: string, action: string): ReplyEnvelope {
  return { id, ok: false, error: { code, message, action } };
}

/**
 * One invoke from an untrusted client: validate the envelope, the command name and the
 * request, call the engine, validate its response. Always resolves with a reply (never throws),
 * so one bad message can't take the host down.
 */
export async function dispatchInvoke(api: SottoApi, raw: unknown): Promise<ReplyEnvelope> {
  const envelope = InvokeEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const id = raw && typeof raw === 'object' && Number.isInteger((raw as { id?: unknown }).id) ? (raw as { id: number }).id : -1;
    return fail(id, 'bad_envelope', `Malformed call: ${describeZodError(envelope.error)}`, 'This is a bug in the UI transport; reload the window.');
  }
  const { id, command, request } = envelope.data;
  if (!isCommandName(command)) {
    return fail(id, 'unknown_command', `The engine has no command "${command}".`, 'Update Sotto so the window and the engine are the same version.');
  }
  const schemas = commands[command];
  const req = schemas.request.safeParse(request);
  if (!req.success) {
    return fail(id, 'invalid_request', `Invalid ${command} request: ${describeZodError(req.error)}`, 'Check the values you entered and try again.');
  }
  let result: unknown;
  try {
    // The request was parsed with this command's own schema, so the cast only restores what TS can't correlate.
    result = await api.invoke(command as CommandName, req.data as never);
  } catch (err) {
    return { id, ok: false, error: toCommandError(err) };
  }
  const res = schemas.response.safeParse(result);
  if (!res.success) {
    return fail(id, 'invalid_response', `The engine answered ${command} with invalid data: ${describeZodError(res.error)}`, DEFAULT_ACTION);
  }
  return { id, ok: true, response: res.data };
}
