import { isIP } from 'node:net';
import { regexSpans, type Span } from './spans';

/** Links, email addresses and IP addresses, as typed or as Whisper writes them. */

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)\]}'’”]/giu;
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;
// Candidates only; node:net decides. Four dotted octets, not part of a longer dotted number.
const IPV4_RE = /(?<![\p{N}.])\d{1,3}(?:\.\d{1,3}){3}(?![\p{N}]|\.\p{N})/gu;
// Hex groups with at least two colons (a time like 10:30:00 fails isIP: no "::", too few groups).
const IPV6_RE = /(?<![\p{L}\p{N}:])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\p{L}\p{N}]|:[0-9a-f])/giu;

export function urlSpans(text: string): Span[] {
  return regexSpans(URL_RE, text, 'url', (m) => m);
}

export function emailSpans(text: string): Span[] {
  return regexSpans(EMAIL_RE, text, 'email', (m) => m.toLowerCase());
}

// "Version 10.2.0.1" is a version, not an address.
const VERSION_BEFORE = /(?<!\p{L})(?:version|versión|release|build|v)\.?\s*$/iu;

export function ipSpans(text: string): Span[] {
  const v4 = regexSpans(IPV4_RE, text, 'ip', (m) => (isIP(m) === 4 ? m : null)).filter((s) => !VERSION_BEFORE.test(text.slice(Math.max(0, s.start - 12), s.start)));
  const v6 = regexSpans(IPV6_RE, text, 'ip', (m) => (isIP(m) === 6 && /[0-9a-f]/i.test(m) ? m.toLowerCase() : null));
  return [...v4, ...v6];
}
