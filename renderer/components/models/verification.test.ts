import { describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../contract';
import { verificationLine } from './verification';

const model = (extra: Partial<ModelEntry>): ModelEntry => ({ id: 'm', kind: 'translation', name: 'M', size: 1, languages: [], installed: true, recommended: false, description: '', ...extra });

describe('verificationLine', () => {
  it('says how the files of an installed model were checked', () => {
    expect(verificationLine(model({ installed: false }))).toBeNull();
    expect(verificationLine(model({ fileChecks: [{ path: 'a', verification: 'published' }] }))?.text).toBe("Checked against the publisher's checksum");
    expect(verificationLine(model({ fileChecks: [{ path: 'a', verification: 'server' }] }))?.text).toBe("Checked against the server's checksum (no published checksum)");
    expect(verificationLine(model({ verification: 'size-only' }))?.text).toMatch(/^Size only/);
  });

  it('counts the files per check when they differ, publisher first', () => {
    const checks = [
      { path: 'config.json', verification: 'server' as const },
      { path: 'tokenizer.json', verification: 'published' as const },
      { path: 'onnx/decoder.onnx', verification: 'server' as const },
    ];
    expect(verificationLine(model({ fileChecks: checks }))?.text).toBe("1 file checked against the publisher's checksum; 2 files checked against the server's checksum (no published checksum)");
  });

  it('says a damaged model is not used and what to do', () => {
    expect(verificationLine(model({ damaged: true, fileChecks: [{ path: 'a', verification: 'published' }] }))).toEqual({ text: expect.stringMatching(/Damaged.*Download it again/), damaged: true });
  });
});
