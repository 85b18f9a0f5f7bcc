import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAuditLog, type AuditRecord } from './audit';
import { createAuditTrail, type AuditedRequest } from './audit-trail';
import { EgressBlockedError } from './errors';

const KEY = 'sk-trail-SECRET-9000';
const request = (overrides: Partial<AuditedRequest> = {}): AuditedRequest => ({
  startedAt: new Date('2025-12-01T10:00:00.000Z'),
  context: { purpose: 'translation', captionId: 'c7', text: 'hello ⟦NAME_1⟧' },
  method: 'POST',
  url: new URL('https://api.example.com/v1/chat/completions?key=abc'),
  secrets: [KEY],
  ...overrides,
});
const ok = { sent: 800, received: 300, status: 200, outcome: 'ok' as const, error: null };

function trail() {
  const records: AuditRecord[] = [];
  const errors: Error[] = [];
  const auditLogPath = join(mkdtempSync(join(tmpdir(), 'sotto-trail-')), 'audit.jsonl');
  const t = createAuditTrail({ auditLogPath, onTraffic: (r) => records.push(r), onAuditError: (e) => errors.push(e) });
  return { t, records, errors, auditLogPath };
}

describe('createAuditTrail', () => {
  it('writes an exchange as one line: who asked, where to (path without its query), bytes, outcome', () => {
    const { t, records, auditLogPath } = trail();
    t.exchanged(request(), ok);
    expect(records[0]).toMatchObject({ time: '2025-12-01T10:00:00.000Z', purpose: 'translation', caption_id: 'c7', method: 'POST', host: 'api.example.com', path: '/v1/chat/completions', status: 200, bytes_sent: 800, bytes_received: 300, blocked: null, outcome: 'ok', error: null, text: 'hello ⟦NAME_1⟧' });
    expect(parseAuditLog(readFileSync(auditLogPath, 'utf8'))).toEqual(records);
  });

  it('keeps the text only for translations', () => {
    const { t, records } = trail();
    t.exchanged(request({ context: { purpose: 'model-download', text: 'not a translation' } }), ok);
    expect(records[0]!.text).toBeNull();
  });

  it('tallies bytes per purpose and refusals apart', () => {
    const { t } = trail();
    t.exchanged(request(), ok);
    t.exchanged(request(), { ...ok, sent: 0, received: 0, status: null, outcome: 'refused', error: new Error('connect ECONNREFUSED') });
    t.refused(request({ context: { purpose: 'model-download' } }), 'all-local', new EgressBlockedError('huggingface.co'));
    const totals = t.totals();
    expect(totals.translation).toEqual({ requests: 2, sent: 800, received: 300, blocked: 0 });
    expect(totals['model-download']).toEqual({ requests: 0, sent: 0, received: 0, blocked: 1 });
    expect(totals.other).toEqual({ requests: 0, sent: 0, received: 0, blocked: 0 });
  });

  it('hands out copies of the totals', () => {
    const { t } = trail();
    t.totals().translation.sent = 1e9;
    expect(t.totals().translation.sent).toBe(0);
  });

  it('records a refusal with its reason and message, and no bytes', () => {
    const { t, records } = trail();
    t.refused(request(), 'redirect-refused', new Error('elsewhere.example redirected the request'));
    expect(records[0]).toMatchObject({ blocked: 'redirect-refused', outcome: 'blocked', bytes_sent: 0, status: null, error: 'elsewhere.example redirected the request' });
  });

  it("scrubs the request's credentials from every text in the record", () => {
    const { t, records, auditLogPath } = trail();
    t.exchanged(request({ url: new URL(`https://api.example.com/echo/${KEY}`), context: { purpose: 'translation', captionId: KEY, text: `my key is ${KEY}` } }), { ...ok, error: new Error(`server said: bad key ${KEY}`) });
    expect(records[0]).toMatchObject({ path: '/echo/[redacted]', caption_id: '[redacted]', text: 'my key is [redacted]', error: 'server said: bad key [redacted]' });
    expect(readFileSync(auditLogPath, 'utf8')).not.toContain(KEY);
  });

  it('reports a log it cannot write and a listener that throws, and keeps counting', () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'sotto-trail-')), 'file');
    writeFileSync(blocker, 'x');
    const errors: Error[] = [];
    const t = createAuditTrail({
      auditLogPath: join(blocker, 'audit.jsonl'),
      onTraffic: () => {
        throw new Error('listener broke');
      },
      onAuditError: (e) => errors.push(e),
    });
    expect(() => t.exchanged(request(), ok)).not.toThrow();
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/ENOTDIR|EEXIST/), 'listener broke']);
    expect(t.totals().translation.requests).toBe(1);
  });
});
