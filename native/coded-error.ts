/** An Error with a stable code, which the engine maps to its own wording (native/ cannot import the engine's errors). */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
