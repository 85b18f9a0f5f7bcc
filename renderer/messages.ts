const URL_RE = /\bhttps?:\/\/[^\s"'<>)]+/g;
const HASH_RE = /\b[0-9a-f]{16,}\b/gi;
const MAX_SHORT = 140;

/** The host of a URL found in a message, or the text unchanged when it does not parse. */
function hostOf(url: string): string {
  try {
    return new URL(url.replace(/[.,;:]+$/, '')).host;
  } catch {
    return url;
  }
}

/**
 * An engine message made short enough to read where it happened: URLs shown as their host, hashes elided, and
 * only the first sentence when it is long. The full text stays available as details (null when nothing was cut).
 */
export function shortMessage(message: string): { short: string; details: string | null } {
  let short = message.replace(URL_RE, (url) => hostOf(url) + (/[.,;:]$/.test(url) ? url.slice(-1) : '')).replace(HASH_RE, '…');
  if (short.length > MAX_SHORT) {
    const sentence = short.match(/^.+?[.!?](?=\s|$)/)?.[0] ?? short;
    short = sentence.length > MAX_SHORT ? `${sentence.slice(0, MAX_SHORT - 1).trimEnd()}…` : sentence;
  }
  return { short, details: short === message ? null : message };
}
