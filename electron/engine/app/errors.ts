/** A failure the user can act on: what happened (message) and what to do (action). Transports pass both on. */
export class EngineFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly action: string,
  ) {
    super(message);
    this.name = 'EngineFailure';
  }
}

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
