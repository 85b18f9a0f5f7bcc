import { z } from 'zod';
import { CommandError } from './commands';

/**
 * Zod schemas of the wire envelopes in api.ts, plus the WebSocket framing used by the
 * dev/e2e transport (browser adapter ↔ dev host). Electron IPC needs no framing: it has
 * invoke/handle and a separate event channel; one WebSocket carries replies and events.
 */
export const InvokeEnvelopeSchema = z.object({
  id: z.number().int().nonnegative(),
  command: z.string().min(1),
  request: z.unknown(),
});

export const ReplyEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int(), ok: z.literal(true), response: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: CommandError }),
]);

/** Browser → host. The first message must be `hello` with the host's token. */
export const WsClientMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello'), token: z.string().min(1).max(200) }),
  InvokeEnvelopeSchema.extend({ kind: z.literal('invoke') }),
]);
export type WsClientMessage = z.infer<typeof WsClientMessage>;

/** Host → browser. `welcome` answers a good hello; events are validated again by the receiver. */
export const WsServerMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('welcome') }),
  z.object({ kind: z.literal('reply'), reply: ReplyEnvelopeSchema }),
  z.object({ kind: z.literal('event'), event: z.unknown() }),
]);
export type WsServerMessage = z.infer<typeof WsServerMessage>;

/** Close codes the host uses (4000–4999 is the application range). */
export const WsCloseCode = {
  /** No hello, or a wrong token. The client must not retry with the same token. */
  unauthorized: 4401,
  /** A message that is not JSON or not a WsClientMessage. */
  protocolError: 4400,
  /** The host is shutting down. */
  goingAway: 1001,
} as const;

/** Path the host serves the WebSocket on. */
export const WS_PATH = '/sotto';
