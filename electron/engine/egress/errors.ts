/** Why the egress refused a request. Each error says what happened and what the user can do. */
export type EgressErrorCode = 'EGRESS_BLOCKED' | 'EGRESS_HOST_REFUSED' | 'EGRESS_BAD_URL';

export class EgressError extends Error {
  readonly code: EgressErrorCode;
  /** What the user can do about it, in plain words. */
  readonly action: string;
  constructor(code: EgressErrorCode, message: string, action: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.action = action;
  }
}

/** All-local mode is on: nothing leaves the device, so no socket was opened. */
export class EgressBlockedError extends EgressError {
  constructor(host: string) {
    super('EGRESS_BLOCKED', `All-local mode is on: the connection to ${host} was not opened.`, 'Turn off all-local mode in Settings to use the cloud lane or download models.');
  }
}

/** The host is not one the user configured (translation endpoint, model mirror). */
export class EgressHostRefusedError extends EgressError {
  constructor(host: string) {
    super('EGRESS_HOST_REFUSED', `Sotto only connects to hosts you configured; ${host} is not one of them.`, 'Check the endpoint and model mirror URLs in Settings.');
  }
}

export class EgressBadUrlError extends EgressError {
  constructor(url: string) {
    super('EGRESS_BAD_URL', `Not an http(s) URL: ${url}`, 'Use an http:// or https:// address.');
  }
}

/** True for an egress refusal, also when the openai SDK wrapped it (APIConnectionError.cause). */
export function findEgressError(error: unknown): EgressError | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof EgressError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
