/**
 * The origin of a URL ("https://API.openai.com:443/v1" → "https://api.openai.com"), or null for an empty or broken
 * one. Keys, secrets and allowed window origins are all compared by this.
 */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null; // empty, or not a URL (yet)
  }
}
