import { z } from 'zod';
import { CommandError } from './commands';

/** What a failure without its own code, message or action says instead. */
export interface FailureFallback {
  code: string;
  action: string;
  /** Used when the failure has no message at all; without it, the failure's String(). */
  message?: string;
}

/** The fallback of clients (the window): a generic code and an action that always helps a little. */
export const CALL_FAILED: Required<FailureFallback> = {
  code: 'failed',
  message: 'The call failed.',
  action: 'Try again. If it keeps failing, restart Sotto.',
};

/** Short, human-readable summary of a zod failure: "patch.cloud.baseUrl: Invalid URL". */
export function describeZodError(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

const nonEmpty = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * Electron's contextBridge keeps only an Error's message, so the preload sends the CommandError
 * as JSON there (see electron/preload/bridge.ts); read it back.
 */
function commandErrorInMessage(message: string | null): CommandError | null {
  if (!message?.startsWith('{')) return null;
  try {
    const parsed = CommandError.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // braces, but not JSON: a plain message
  }
}

/**
 * Any failure → the contract's {code, message, action}: an ActionableError, an Error (or a native
 * error) with code/action fields, a CommandError from the wire, a zod error, a string, anything.
 * Fields a failure lacks come from `fallback`, so the user is never told nothing.
 */
export function toCommandError(error: unknown, fallback: FailureFallback = CALL_FAILED): CommandError {
  if (error instanceof z.core.$ZodError) {
    return { code: fallback.code, message: describeZodError(error), action: fallback.action };
  }
  if (error === null || typeof error !== 'object') {
    return { code: fallback.code, message: nonEmpty(String(error)) ?? fallback.message ?? String(error), action: fallback.action };
  }
  const fields = error as { code?: unknown; message?: unknown; action?: unknown };
  const message = nonEmpty(fields.message);
  const wrapped = commandErrorInMessage(message);
  if (wrapped) return wrapped;
  return {
    code: nonEmpty(fields.code) ?? fallback.code,
    message: message ?? fallback.message ?? String(error),
    action: nonEmpty(fields.action) ?? fallback.action,
  };
}
