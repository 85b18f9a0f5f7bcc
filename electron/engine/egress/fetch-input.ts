import { EgressBadUrlError } from './errors';

/** One request as it goes on the wire: the first one, or a redirect's next hop. */
export interface Hop {
  url: URL;
  method: string;
  headers: Headers;
  /** Serialized once; null for GET/HEAD or no body. */
  body: Buffer | null;
}

/** What a fetch call asked for, normalized the way fetch itself reads its arguments. */
export interface FetchInput extends Hop {
  signal: AbortSignal | null;
  redirect: RequestRedirect;
}

/** An http(s) URL, or EgressBadUrlError (file:, data:, garbage). `base` resolves a relative redirect Location. */
export function parseEgressUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new EgressBadUrlError(raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EgressBadUrlError(raw);
  return url;
}

/** Reads fetch's (input, init) pair: init wins over a Request's own fields, as in fetch. */
export async function readFetchInput(input: string | URL | Request, init?: RequestInit): Promise<FetchInput> {
  const request = input instanceof Request ? input : null;
  const url = parseEgressUrl(request ? request.url : String(input));
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const headers = new Headers(request?.headers);
  new Headers(init?.headers).forEach((value, key) => headers.set(key, value));
  const rawBody = init?.body ?? (request?.body ? request.clone().body : null);
  const body = rawBody != null && method !== 'GET' && method !== 'HEAD' ? await serializeBody(rawBody, headers) : null;
  return { url, method, headers, body, signal: init?.signal ?? request?.signal ?? null, redirect: init?.redirect ?? 'follow' };
}

/** Serializes the body once, like fetch would (string, bytes, Blob, FormData, stream, ...), and its implied content-type. */
async function serializeBody(raw: BodyInit | ReadableStream, headers: Headers): Promise<Buffer> {
  const asResponse = new Response(raw as BodyInit);
  const type = asResponse.headers.get('content-type');
  if (type && !headers.has('content-type')) headers.set('content-type', type);
  return Buffer.from(await asResponse.arrayBuffer());
}

/** What fetch rejects with on abort: the signal's reason, or an AbortError DOMException. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}
