import type { CommandError } from './commands';

/**
 * A failure the user can act on: a stable code for the UI, what happened (message) and what to do (action).
 * It lives in the contract so the engine, main, the preload and the renderer all throw the same kind;
 * transports pass the three fields on as the contract's CommandError / EngineError, and toJSON gives that shape.
 */
export class ActionableError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly action: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  toJSON(): CommandError {
    return { code: this.code, message: this.message, action: this.action };
  }
}

/** A failed call, as a client of the contract rejects it: what happened (message) and what to do (action). */
export class SottoCommandError extends ActionableError {
  constructor(error: CommandError) {
    super(error.code, error.message, error.action);
    // Named explicitly: bundlers may rename the class, and the UI and tests read this name.
    this.name = 'SottoCommandError';
  }
}
