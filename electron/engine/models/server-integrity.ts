/**
 * What a model server says about a file it sends, read from the response heads of every hop (the egress reports them,
 * redirects included). Hugging Face (huggingface_hub's get_hf_file_metadata, huggingface.js's fileDownloadInfo):
 *  - an LFS file's resolve URL answers 302 to a CDN, with X-Repo-Commit, X-Linked-Etag (the quoted SHA-256 of the
 *    file) and X-Linked-Size; the CDN's own answer carries none of them and an ETag of its own, also 64 hex digits;
 *  - a file kept in git answers 200 (often after a same-origin 307 to /api/resolve-cache/…) with X-Repo-Commit and
 *    ETag = the quoted git blob SHA-1; huggingface_hub also accepts the weak form W/"…".
 * So only heads from the origin that was asked (the publisher or the user's mirror) count: a CDN's ETag is not a
 * statement about the file, and trusting it would reject good files or accept any.
 */

export interface ResponseHead {
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

export interface ServerClaim {
  algorithm: 'sha256' | 'git-sha1';
  value: string;
  /** The header it came from, for messages. */
  header: 'X-Linked-Etag' | 'ETag';
}

export interface ServerIntegrity {
  /** The repository commit the file was resolved at (40 hex digits), or null when the server did not say. */
  commit: string | null;
  claim: ServerClaim | null;
}

const COMMIT = /^[0-9a-f]{40}$/;

const header = (head: ResponseHead, name: string): string | null => {
  const value = head.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? null;
};

/** `W/"abc"`, `"abc"` or `abc` → `abc` (lower case); null when absent. */
export function normalizeEtag(raw: string | null): string | null {
  if (raw === null) return null;
  const value = raw.replace(/^W\//i, '').replace(/^"(.*)"$/, '$1').trim().toLowerCase();
  return value === '' ? null : value;
}

/** A hash-shaped ETag as a claim: 64 hex = SHA-256 (an LFS oid), 40 hex = git blob SHA-1; anything else says nothing. */
function claimFromEtag(value: string | null, from: ServerClaim['header']): ServerClaim | null {
  if (value === null) return null;
  if (/^[0-9a-f]{64}$/.test(value)) return { algorithm: 'sha256', value, header: from };
  if (from === 'ETag' && /^[0-9a-f]{40}$/.test(value)) return { algorithm: 'git-sha1', value, header: from };
  return null;
}

export function serverIntegrity(requestedUrl: string, heads: readonly ResponseHead[]): ServerIntegrity {
  const origin = new URL(requestedUrl).origin;
  const own = heads.filter((h) => URL.canParse(h.url) && new URL(h.url).origin === origin);
  const commit = own.map((h) => header(h, 'x-repo-commit')?.toLowerCase() ?? null).find((c) => c !== null && COMMIT.test(c)) ?? null;
  // X-Linked-Etag describes the linked (LFS) file; a plain ETag only counts on the answer that carried the bytes.
  const linked = own.map((h) => claimFromEtag(normalizeEtag(header(h, 'x-linked-etag')), 'X-Linked-Etag')).find((c) => c !== null);
  const body = own.filter((h) => h.status === 200 || h.status === 206).at(-1);
  const claim = linked ?? (body ? claimFromEtag(normalizeEtag(header(body, 'etag')), 'ETag') : null);
  return { commit, claim };
}

/** The head of a fetch Response, for a fetch that reports no hops (then only the final answer is known). */
export function headOf(response: Response): ResponseHead {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return { url: response.url, status: response.status, headers };
}
