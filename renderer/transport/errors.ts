import { CommandError } from '../contract';

/** A failed call, as the UI shows it: what happened (message) and what to do (action). */
export class SottoCommandError extends Error {
  readonly code: string;
  readonly action: string;
  constructor(error: CommandError) {
    super(error.message);
    this.name = 'SottoCommandError';
    this.code = error.code;
    this.action = error.action;
  }
}

const GENERIC_ACTION = 'Try again. If it keeps failing, restart Sotto.';

/**
 * Whatever a transport rejected with → {code, message, action}. Electron's contextBridge keeps
 * only an Error's message, so a preload may put the CommandError JSON in the message: accept that too.
 */
export function toCommandError(err: unknown): CommandError {
  const direct = CommandError.safeParse(err);
  if (direct.success) return direct.data;
  if (err instanceof Error) {
    try {
      const fromMessage = CommandError.safeParse(JSON.parse(err.message));
      if (fromMessage.success) return fromMessage.data;
    } catch {
      // not JSON: a plain message
    }
    const e = err as Error & { code?: unknown; action?: unknown };
    return {
      code: typeof e.code === 'string' ? e.code : 'failed',
      message: err.message || 'The call failed.',
      action: typeof e.action === 'string' ? e.action : GENERIC_ACTION,
    };
  }
  return { code: 'failed', message: String(err), action: GENERIC_ACTION };
}
