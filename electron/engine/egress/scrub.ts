/**
 * Keeps credentials out of text that came back from a server (an error body, a redirect's Location, a
 * certificate name): a server may echo the key it was sent, and that text then travels to events, logs
 * and the audit log.
 */

/** Shorter strings are not treated as secrets: scrubbing "no-key" or a 3-letter token would mangle ordinary text. */
const MIN_SECRET_LENGTH = 8;
const REPLACEMENT = '[redacted]';

/** Headers whose values are credentials; none of them is sent to another origin. */
export const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'api-key', 'x-api-key', 'cookie'] as const;

/**
 * `text` with every occurrence of `secret` replaced by "[redacted]": as sent, percent-encoded (a key in a
 * URL path) and in any letter case (a host name is lower-cased). Secrets under 8 characters are left alone.
 */
export function scrubSecret(text: string, secret: string | null | undefined): string {
  if (!secret || secret.length < MIN_SECRET_LENGTH) return text;
  const forms = [...new Set([secret, encodeURIComponent(secret)])].map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.replace(new RegExp(forms.join('|'), 'gi'), REPLACEMENT);
}

/** `scrubSecret` for several secrets at once. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce(scrubSecret, text);
}

/** The credentials a request carries: the token of an Authorization header (`Bearer sk-…`), an api-key header's value. */
export function credentialsIn(headers: Headers): string[] {
  const secrets: string[] = [];
  for (const name of CREDENTIAL_HEADERS) {
    const value = headers.get(name)?.trim();
    if (!value) continue;
    secrets.push(value);
    // "Bearer sk-…" / "Basic …": the token alone, which is what a server would echo.
    const token = /^\S+\s+(\S+)$/.exec(value)?.[1];
    if (token) secrets.push(token);
  }
  return secrets;
}

/**
 * The same error with the secrets scrubbed from its message and stack, in place so its class and code stay
 * (callers check them): Node's errors can quote the server, e.g. the names in its certificate.
 */
export function scrubError<E>(error: E, secrets: readonly string[]): E {
  if (!(error instanceof Error)) return error;
  for (const field of ['message', 'stack'] as const) {
    const text = error[field];
    const clean = text && scrubSecrets(text, secrets);
    // defineProperty: a DOMException's message is a getter and cannot be assigned.
    if (clean !== text) Object.defineProperty(error, field, { value: clean, writable: true, configurable: true });
  }
  return error;
}
