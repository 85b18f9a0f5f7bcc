/**
 * A failure the user can act on: a stable code for the UI, what happened (message) and what to do (action).
 * Transports pass all three on as the contract's CommandError / EngineError; toJSON gives that shape.
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

  toJSON(): { code: string; message: string; action: string } {
    return { code: this.code, message: this.message, action: this.action };
  }
}
