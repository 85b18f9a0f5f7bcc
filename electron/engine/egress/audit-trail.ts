import { appendAuditRecord, EgressPurpose, type AuditRecord, type BlockReason } from './audit';
import type { ExchangeResult } from './exchange';
import { scrubSecrets } from './scrub';
import type { EgressOptions, PurposeTotals, TrafficContext } from './types';

/**
 * Every request ends up here exactly once: as an exchange that happened or as a refusal. The trail
 * scrubs the request's credentials out of the record, tallies it per purpose (the ledger's numbers),
 * appends it to the audit log and hands it to the listener. Nothing here throws into the request path.
 */

export interface AuditedRequest {
  /** When the request was about to leave (a record is written when it ends). */
  startedAt: Date;
  context: TrafficContext;
  method: string;
  url: URL;
  /** The credentials the request was sent with: no text in the record may contain them. */
  secrets: readonly string[];
}

export interface AuditTrail {
  exchanged(request: AuditedRequest, result: ExchangeResult): void;
  refused(request: AuditedRequest, blocked: BlockReason, error: Error): void;
  totals(): PurposeTotals;
}

export function createAuditTrail(options: Pick<EgressOptions, 'auditLogPath' | 'onTraffic' | 'onAuditError'>): AuditTrail {
  const totals = Object.fromEntries(EgressPurpose.options.map((p) => [p, { requests: 0, sent: 0, received: 0, blocked: 0 }])) as PurposeTotals;

  function record(request: AuditedRequest, fields: Partial<AuditRecord>): void {
    const rec = scrubbed({ ...baseRecord(request), ...fields }, request.secrets);
    const t = totals[rec.purpose];
    if (rec.blocked) t.blocked++;
    else {
      t.requests++;
      t.sent += rec.bytes_sent;
      t.received += rec.bytes_received;
    }
    report(() => options.auditLogPath && appendAuditRecord(options.auditLogPath, rec));
    report(() => options.onTraffic?.(rec));
  }

  function report(step: () => unknown): void {
    try {
      step();
    } catch (error) {
      options.onAuditError?.(error as Error);
    }
  }

  return {
    exchanged: (request, r) => record(request, { status: r.status, bytes_sent: r.sent, bytes_received: r.received, outcome: r.outcome, error: r.error?.message ?? null }),
    refused: (request, blocked, error) => record(request, { blocked, outcome: 'blocked', error: error.message }),
    totals: () => structuredClone(totals),
  };
}

function baseRecord({ startedAt, context, method, url }: AuditedRequest): AuditRecord {
  return {
    time: startedAt.toISOString(),
    purpose: context.purpose,
    caption_id: context.captionId ?? null,
    method,
    host: url.host,
    path: url.pathname,
    status: null,
    bytes_sent: 0,
    bytes_received: 0,
    blocked: null,
    outcome: 'ok',
    error: null,
    text: context.purpose === 'translation' ? (context.text ?? null) : null,
  };
}

/** Every text field with the credentials replaced: a server may echo the key in a Location path or an error. */
function scrubbed(rec: AuditRecord, secrets: readonly string[]): AuditRecord {
  if (secrets.length === 0) return rec;
  const scrub = (text: string): string => scrubSecrets(text, secrets);
  return { ...rec, host: scrub(rec.host), path: scrub(rec.path), caption_id: rec.caption_id && scrub(rec.caption_id), error: rec.error && scrub(rec.error), text: rec.text && scrub(rec.text) };
}
