import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAuditRecord, parseAuditLog, type AuditRecord } from './audit';

const record = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  time: '2025-12-01T10:00:00.000Z',
  purpose: 'translation',
  caption_id: 'c1',
  method: 'POST',
  host: 'api.example.com',
  path: '/v1/chat/completions',
  status: 200,
  bytes_sent: 812,
  bytes_received: 440,
  blocked: null,
  outcome: 'ok',
  error: null,
  text: 'hello ⟦NAME_1⟧',
  ...overrides,
});

describe('audit log lines', () => {
  it('appends one JSON line per record, in order, to a file only the user can read', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sotto-audit-')), 'nested', 'audit.jsonl');
    appendAuditRecord(path, record());
    appendAuditRecord(path, record({ status: null, bytes_sent: 0, bytes_received: 0, outcome: 'refused', error: 'connect ECONNREFUSED 127.0.0.1:9' }));
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(parseAuditLog(readFileSync(path, 'utf8')).map((r) => r.outcome)).toEqual(['ok', 'refused']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('reads lines written before `outcome` existed, deriving it from `blocked` and `error`', () => {
    const old = (fields: Partial<AuditRecord>) => {
      const { outcome: _dropped, ...line } = record(fields);
      return JSON.stringify(line);
    };
    const log = [old({}), old({ blocked: 'all-local', status: null, error: 'All-local mode is on' }), old({ status: null, error: 'socket hang up' })].join('\n');
    expect(parseAuditLog(log).map((r) => r.outcome)).toEqual(['ok', 'blocked', 'error']);
  });

  it('refuses to write or read a record that breaks the schema', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sotto-audit-')), 'audit.jsonl');
    expect(() => appendAuditRecord(path, record({ bytes_sent: -1 }))).toThrow();
    expect(() => parseAuditLog(JSON.stringify({ ...record(), outcome: 'fine' }))).toThrow();
  });
});
