/**
 * The test server's answer to one chat request: parameter checks as reasoning models do them, the fault if one is
 * set, then a JSON completion or an SSE stream shaped the way the imitated server shapes it.
 */
import type http from 'node:http';
import { answer, chunks, usageOf, type ChatRequestLike } from './fake-model';
import { applyContentFault, type Fault } from './openai-faults';
import { errorReply, type Flavour } from './openai-flavours';
import type { OpenAiTestServerOptions, RecordedRequest } from './openai-server';

export interface ChatRequest extends ChatRequestLike {
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
}

type Send = (res: http.ServerResponse, rec: RecordedRequest, status: number, body: string, contentType: string, headers?: Record<string, string>) => void;

export interface ChatContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  rec: RecordedRequest;
  request: ChatRequest;
  fault: Fault | null;
  flavour: Flavour;
  options: OpenAiTestServerOptions;
  send: Send;
}

/** Tokens a reasoning model spends thinking before it answers (counted in completion_tokens, as OpenAI does). */
const REASONING_TOKENS = 64;

function sendRoute(ctx: ChatContext, r: ReturnType<typeof errorReply>, headers: Record<string, string> = {}): void {
  if (r.kind === 'reply') ctx.send(ctx.res, ctx.rec, r.status, r.body, r.contentType, headers);
}

/** OpenAI's own 400s for a reasoning model, word for word; other refused fields in the same shape. */
function parameterError(ctx: ChatContext): ReturnType<typeof errorReply> | null {
  const { request, flavour, options } = ctx;
  const reasoning = options.reasoningModels?.includes(request.model) ?? false;
  if (reasoning && request.temperature !== undefined && request.temperature !== 1) {
    return errorReply(flavour, 400, `Unsupported value: 'temperature' does not support ${request.temperature} with this model. Only the default (1) value is supported.`, 'invalid_request_error', { param: 'temperature', code: 'unsupported_value' });
  }
  if (reasoning && request.max_tokens !== undefined) {
    return errorReply(flavour, 400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'invalid_request_error', { param: 'max_tokens', code: 'unsupported_parameter' });
  }
  for (const field of options.rejectFields ?? []) {
    if ((request as unknown as Record<string, unknown>)[field] !== undefined) return errorReply(flavour, 400, `Unrecognized request argument supplied: ${field}`, 'invalid_request_error');
  }
  if (options.models && !options.models.includes(request.model)) {
    if (flavour === 'ollama') return errorReply('ollama', 404, `model "${request.model}" not found, try pulling it first`, 'api_error');
    return errorReply(flavour, 404, `The model \`${request.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', { code: 'model_not_found' });
  }
  return null;
}

function retryHeaders(f: { retryAfterS?: number; retryAfterMs?: number }): Record<string, string> {
  const h: Record<string, string> = {};
  if (f.retryAfterS !== undefined) h['retry-after'] = String(f.retryAfterS);
  if (f.retryAfterMs !== undefined) h['retry-after-ms'] = String(f.retryAfterMs);
  return h;
}

/** Faults that answer with an HTTP error (or nothing) before any completion; true when one did. */
function httpFault(ctx: ChatContext): boolean {
  const { fault, flavour } = ctx;
  const reply = (status: number, message: string, type: string, headers: Record<string, string> = {}): true => (sendRoute(ctx, errorReply(flavour, status, message, type, { code: type }), headers), true);
  switch (fault?.kind) {
    case 'rate-limit':
      return reply(429, 'Rate limit reached.', 'rate_limit_exceeded', retryHeaders(fault));
    case 'unavailable':
      return reply(503, 'The server is overloaded.', 'overloaded', retryHeaders(fault));
    case 'server-error':
      return reply(500, 'The server had an error.', 'server_error');
    case 'unauthorized':
      return reply(401, 'Incorrect API key provided.', 'invalid_api_key');
    case 'bad-request':
      return reply(400, 'Bad request.', 'invalid_request_error');
    case 'echo-key': {
      const sent = ctx.req.headers.authorization ?? ctx.req.headers['api-key'] ?? '';
      return reply(401, `Incorrect API key provided: ${String(sent).replace(/^Bearer /, '')}. You can find your API key at the dashboard.`, 'invalid_api_key');
    }
    case 'error-body':
      ctx.send(ctx.res, ctx.rec, fault.status, fault.body, fault.contentType ?? 'application/json');
      return true;
    case 'hang':
      return true; // the client's timeout ends it; close() destroys the socket otherwise
    default:
      return false;
  }
}

export function replyToChat(ctx: ChatContext): void {
  const refused = parameterError(ctx);
  if (refused) return sendRoute(ctx, refused);
  if (httpFault(ctx)) return;
  const { request, fault, options } = ctx;
  const reasoning = options.reasoningModels?.includes(request.model) ?? false;
  let content = applyContentFault(answer(request), fault);
  let finish = 'stop';
  // A reasoning model's budget covers its thinking too: a small cap leaves the answer cut short, or empty.
  const cap = request.max_completion_tokens ?? request.max_tokens;
  const thinking = reasoning ? REASONING_TOKENS : 0;
  if (cap !== undefined && cap < thinking + usageOf(request, content).completion_tokens) {
    content = content.split(' ').slice(0, Math.max(0, cap - thinking)).join(' ');
    finish = 'length';
  }
  if (fault?.kind === 'length') {
    content = content.split(' ').slice(0, 2).join(' ');
    finish = 'length';
  }
  const usage = { ...usageOf(request, content, thinking), ...(reasoning ? { completion_tokens_details: { reasoning_tokens: thinking } } : {}) };
  if (ctx.rec.stream && fault?.kind !== 'ignore-stream') return stream(ctx, content, finish, usage);
  if (fault?.kind === 'reset-mid-stream') {
    ctx.res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    ctx.res.write('{"id":');
    setImmediate(() => ctx.req.socket.resetAndDestroy());
    return;
  }
  const id = `chatcmpl-${ctx.rec.index}`;
  const body = { id, object: 'chat.completion', created: 1_700_000_000, model: request.model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish }], usage };
  ctx.send(ctx.res, ctx.rec, 200, JSON.stringify(body), 'application/json');
}

function stream(ctx: ChatContext, content: string, finish: string, usage: object): void {
  const { res, rec, request, fault, req } = ctx;
  const id = `chatcmpl-${rec.index}`;
  rec.status = 200;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: Record<string, string>, finishReason: string | null): string =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_700_000_000, model: request.model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
  const pieces = chunks(content);
  const frames: string[] = [chunk({ role: 'assistant', content: '' }, null)];
  if (fault?.kind === 'reasoning-deltas') {
    for (const word of (fault.text ?? 'The user wants ⟦NAME_1⟧ in German.').split(' ')) frames.push(chunk({ reasoning_content: `${word} `, reasoning: `${word} ` }, null));
  }
  if (fault?.kind === 'reset-mid-stream') {
    res.write(frames.join('') + chunk({ content: pieces[0] ?? '' }, null));
    setImmediate(() => req.socket.resetAndDestroy());
    return;
  }
  if (fault?.kind === 'malformed-chunk') return void res.end(frames.join('') + chunk({ content: pieces[0] ?? '' }, null) + 'data: {"choices": [{"delta": {"content": oops\n\n');
  if (fault?.kind === 'truncated-stream') return void res.end(frames.join('') + chunks(content).map((p) => chunk({ content: p }, null)).join(''));
  if (fault?.kind === 'stream-error') {
    const error = fault.error ?? { message: 'The model produced invalid content.', type: 'invalid_request_error', param: null, code: null };
    return void res.end(frames.join('') + chunk({ content: pieces[0] ?? '' }, null) + `data: ${JSON.stringify({ error })}\n\n`);
  }
  for (const piece of pieces) frames.push(chunk({ content: piece }, null));
  if (fault?.kind !== 'no-finish-reason') frames.push(chunk({}, finish));
  // As OpenAI does when asked with stream_options.include_usage: one more chunk, no choices, the usage.
  if (request.stream_options?.include_usage) frames.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_700_000_000, model: request.model, choices: [], usage })}\n\n`);
  frames.push('data: [DONE]\n\n');
  if (fault?.kind !== 'slow') return void res.end(frames.join(''));
  // One frame per delay, through a comment first (OpenRouter's keep-alive), so the gaps are the only thing slow.
  let i = 0;
  const next = (): void => {
    if (res.destroyed) return;
    if (i >= frames.length) return void res.end();
    res.write(i === 0 ? `: PROCESSING\n\n${frames[i++]}` : frames[i++]!);
    setTimeout(next, fault.delayMs);
  };
  next();
}
