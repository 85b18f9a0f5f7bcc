import type { EgressOutcome } from './audit';
import { EgressTimeoutError } from './errors';

const BY_CODE: Record<string, EgressOutcome> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  ETIMEDOUT: 'timeout',
  // OpenSSL's record-layer failures (a TLS client talking to a plain server, a broken handshake).
  EPROTO: 'tls',
};

/**
 * How an exchange ended, for the audit log. `abortedByCaller`: the error is the reason the caller
 * aborted with (its signal, or a scope closed), not something the network did.
 */
export function outcomeOf(error: Error | null, abortedByCaller: boolean): EgressOutcome {
  if (!error) return 'ok';
  if (abortedByCaller) return error.name === 'TimeoutError' || error instanceof EgressTimeoutError ? 'timeout' : 'aborted';
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return 'error';
  // Certificate and handshake failures: ERR_TLS_*, ERR_SSL_*, and OpenSSL's verify codes (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED, …).
  if (/^ERR_(TLS|SSL)_|CERT|_SIGNATURE|UNABLE_TO_VERIFY/.test(code)) return 'tls';
  return BY_CODE[code] ?? 'error';
}
