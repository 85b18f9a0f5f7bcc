import type http from 'node:http';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { abortReason } from './fetch-input';

/**
 * A Node response as the fetch `Response` the openai SDK and the model downloader read: raw headers
 * in order, the final URL, a body that streams on demand, decoded like fetch decodes it, and that
 * fails with the signal's reason on abort.
 */

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

export function toFetchResponse(res: http.IncomingMessage, url: URL, method: string, signal: AbortSignal | null): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  const status = res.statusCode ?? 0;
  let body: Readable | null = res;
  if (method === 'HEAD' || NULL_BODY_STATUS.has(status)) {
    res.resume(); // drain, so the exchange ends and its counts settle
    body = null;
  } else {
    const decoder = decoderFor(res.headers['content-encoding']);
    if (decoder) {
      res.on('error', (e) => decoder.destroy(e));
      body = res.pipe(decoder);
      headers.delete('content-encoding');
      headers.delete('content-length');
    }
  }
  const response = new Response(body ? webStream(body, signal) : null, { status, statusText: res.statusMessage ?? '', headers });
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}

/** We send no Accept-Encoding, but a server may compress anyway: decode like fetch does (bytes are counted raw). */
function decoderFor(contentEncoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  const encoding = (contentEncoding ?? '').toLowerCase().trim();
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip();
  if (encoding === 'deflate') return zlib.createInflate();
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return null;
}

/**
 * Node stream → web stream that pulls on demand (nothing buffered ahead) and errors with the
 * signal's reason on abort, like fetch does even when the bytes already arrived.
 */
function webStream(body: Readable, signal: AbortSignal | null): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (!signal) return;
        const onAbort = (): void => {
          const reason = abortReason(signal);
          controller.error(reason);
          body.destroy(reason);
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
        body.once('close', () => signal.removeEventListener('abort', onAbort));
      },
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        } catch (error) {
          controller.error(error);
        }
      },
      cancel(reason) {
        body.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
