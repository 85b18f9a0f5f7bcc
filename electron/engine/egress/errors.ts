import { ActionableError } from '../../contract';

/** Why the egress refused a request. Each error says what happened and what the user can do. */
export type EgressErrorCode = 'EGRESS_BLOCKED' | 'EGRESS_HOST_REFUSED' | 'EGRESS_BAD_URL' | 'EGRESS_REDIRECT_REFUSED';

/** A request the egress refused before it could leave: a code, what happened, what the user can do. */
export class EgressError extends ActionableError<EgressErrorCode> {}

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

/**
 * A server redirected a request to another origin and the egress did not follow: a translation or an
 * endpoint check carries the transcript and the key, so it stays with the host the user chose; any other
 * request may move to another allowed host, but never with its body.
 */
export class EgressRedirectRefusedError extends EgressError {
  constructor(from: URL, toOrigin: string, why: 'keeps-origin' | 'has-body') {
    super(
      'EGRESS_REDIRECT_REFUSED',
      why === 'keeps-origin'
        ? `${from.host} redirected the request to ${toOrigin}; Sotto does not follow it, so the text and the API key stay with the host you configured.`
        : `${from.host} redirected the request to ${toOrigin} and asked to send its body there; Sotto never sends a body to another host.`,
      why === 'keeps-origin'
        ? `If the endpoint has moved, enter its new address (${toOrigin}) as the endpoint URL in Settings.`
        : 'Use the final address of the file, or set its host as the model mirror in Settings.',
    );
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

/**
 * The connection did not open in time, or the peer went quiet (no byte) for too long. Not an EgressError: the request
 * was allowed and left; it just got no answer. `phase` says which wait ran out.
 */
export class EgressTimeoutError extends Error {
  // Not 'TimeoutError': the openai SDK would swap an error of that name for its own, without the cause or the wait.
  override readonly name = 'EgressDeadlineError';
  readonly code = 'ETIMEDOUT';
  constructor(
    readonly phase: 'connect' | 'idle',
    readonly ms: number,
    host: string,
  ) {
    super(
      phase === 'connect'
        ? `The connection to ${host} did not open within ${(ms / 1000).toFixed(1)} s.`
        : `${host} sent nothing for ${(ms / 1000).toFixed(1)} s, so the request was given up.`,
    );
  }
}
