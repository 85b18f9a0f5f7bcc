import { ActionableError } from '../errors';

/** A failure of the engine app itself (no model, no permission, …). */
export class EngineFailure extends ActionableError {}

/** Any error → { code, message, action } for an `error` event. */
export function describeFailure(error: unknown, fallbackCode: string, fallbackAction: string): { code: string; message: string; action: string } {
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; message?: unknown; action?: unknown };
    return {
      code: typeof e.code === 'string' && e.code ? e.code : fallbackCode,
      message: typeof e.message === 'string' && e.message ? e.message : String(error),
      action: typeof e.action === 'string' && e.action ? e.action : fallbackAction,
    };
  }
  return { code: fallbackCode, message: String(error), action: fallbackAction };
}
