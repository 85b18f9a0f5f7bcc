import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** What a request was for: the ledger tallies bytes per purpose. */
export const EgressPurpose = z.enum(['translation', 'endpoint-check', 'model-download', 'other']);
export type EgressPurpose = z.infer<typeof EgressPurpose>;

/** Why a request was refused before any socket was opened. */
export const BlockReason = z.enum(['all-local', 'host-not-allowed', 'redirect-refused']);
export type BlockReason = z.infer<typeof BlockReason>;

/**
 * How a request ended. 'ok': a whole response came back (any status). 'blocked': refused before any
 * socket. 'refused', 'dns', 'reset', 'tls': the network failed (0 bytes sent unless the connection was
 * up). 'timeout' and 'aborted': the caller gave up. 'error': anything else.
 */
export const EgressOutcome = z.enum(['ok', 'blocked', 'refused', 'dns', 'reset', 'tls', 'timeout', 'aborted', 'error']);
export type EgressOutcome = z.infer<typeof EgressOutcome>;

const AuditLine = z.object({
  time: z.string(),
  purpose: EgressPurpose,
  caption_id: z.string().nullable(),
  method: z.string(),
  host: z.string(),
  /** Path without the query string (queries may carry tokens). */
  path: z.string(),
  status: z.number().int().nullable(),
  /**
   * Bytes written to / read from the socket once the connection was up (for TLS: once the handshake was
   * done): request line + headers + body, response likewise. A refused connection sent 0.
   */
  bytes_sent: z.number().int().nonnegative(),
  bytes_received: z.number().int().nonnegative(),
  blocked: BlockReason.nullable(),
  /** Absent in logs written before it existed: derived from `blocked` and `error` then. */
  outcome: EgressOutcome.optional(),
  error: z.string().nullable(),
  /** For translations: the exact (redacted) text that was sent. */
  text: z.string().nullable(),
});

/**
 * One line of the audit log (JSON Lines): one per request, refused ones included. Holds no header
 * values, and every text in it is scrubbed of the request's credentials, so an API key never lands here.
 */
export const AuditRecord = AuditLine.transform((line) => {
  const outcome: EgressOutcome = line.outcome ?? (line.blocked ? 'blocked' : line.error ? 'error' : 'ok');
  return { ...line, outcome };
});
export type AuditRecord = z.output<typeof AuditRecord>;

/** Appends one record as a JSON line. Synchronous so lines keep request order and survive a crash. */
export function appendAuditRecord(path: string, record: AuditRecord): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, `${JSON.stringify(AuditRecord.parse(record))}\n`, { encoding: 'utf8', mode: 0o600 });
}

/** Reads an audit log back (tests, the History view): every line is validated. */
export function parseAuditLog(text: string): AuditRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => AuditRecord.parse(JSON.parse(line)));
}
