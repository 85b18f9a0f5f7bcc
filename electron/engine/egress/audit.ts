import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** What a request was for: the ledger tallies bytes per purpose. */
export const EgressPurpose = z.enum(['translation', 'endpoint-check', 'model-download', 'other']);
export type EgressPurpose = z.infer<typeof EgressPurpose>;

/**
 * One line of the audit log (JSON Lines): one per request, refused ones included.
 * Holds no header values at all, so an API key can never land here.
 */
export const AuditRecord = z.object({
  time: z.string(),
  purpose: EgressPurpose,
  caption_id: z.string().nullable(),
  method: z.string(),
  host: z.string(),
  /** Path without the query string (queries may carry tokens). */
  path: z.string(),
  status: z.number().int().nullable(),
  /** Exact bytes written to / read from the socket: request line + headers + body, response likewise. */
  bytes_sent: z.number().int().nonnegative(),
  bytes_received: z.number().int().nonnegative(),
  /** 'all-local' or 'host-not-allowed' when refused before any socket was opened. */
  blocked: z.enum(['all-local', 'host-not-allowed']).nullable(),
  error: z.string().nullable(),
  /** For translations: the exact (redacted) text that was sent. */
  text: z.string().nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

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
