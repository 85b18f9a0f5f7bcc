import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mirrorUrl } from './catalog';
import { CommitPin, pinnedUrl, readStagedPin, revisionOf } from './pins';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const url = 'https://huggingface.co/Xenova/opus-mt-en-de/resolve/main/onnx/encoder_model_quantized.onnx';

describe('pinned URLs', () => {
  it('replaces the revision of a resolve URL, and leaves other URLs alone', () => {
    expect(revisionOf(url)).toBe('main');
    expect(pinnedUrl(url, A)).toBe(`https://huggingface.co/Xenova/opus-mt-en-de/resolve/${A}/onnx/encoder_model_quantized.onnx`);
    expect(pinnedUrl(url, null)).toBe(url);
    expect(pinnedUrl('https://example.org/models/x.bin', A)).toBe('https://example.org/models/x.bin');
    expect(pinnedUrl('https://huggingface.co/datasets/o/d/resolve/v1.0/a.json', A)).toBe(`https://huggingface.co/datasets/o/d/resolve/${A}/a.json`);
  });

  it('pins first, then the mirror replaces the origin and keeps the pinned path', () => {
    expect(mirrorUrl(pinnedUrl(url, A), 'http://proxy.lan/hf/')).toBe(`http://proxy.lan/hf/Xenova/opus-mt-en-de/resolve/${A}/onnx/encoder_model_quantized.onnx`);
  });
});

describe('CommitPin', () => {
  let staging: string;
  beforeEach(async () => {
    staging = await mkdtemp(join(tmpdir(), 'sotto-pin-'));
  });
  afterEach(() => rm(staging, { recursive: true, force: true }));

  it('takes the first commit a server names, keeps it in the staging folder, and refuses any other', async () => {
    const pin = new CommitPin(null, staging, 'Test');
    await pin.learn(url, null, 'config.json'); // a server that does not say: nothing learned
    expect(pin.commit).toBeNull();
    await pin.learn(url, A, 'config.json');
    expect(pin.commit).toBe(A);
    expect(await readStagedPin(staging)).toBe(A);
    await pin.learn(pinnedUrl(url, A), A, 'tokenizer.json');
    await expect(pin.learn(pinnedUrl(url, A), B, 'onnx/encoder.onnx')).rejects.toMatchObject({ code: 'models.mixed_commits', message: expect.stringContaining('onnx/encoder.onnx') });
  });

  it('refuses a server answering from another commit than the catalog URL names', async () => {
    const pin = new CommitPin(null, staging, 'Test');
    await expect(pin.learn(pinnedUrl(url, A), B, 'ggml.bin')).rejects.toMatchObject({ code: 'models.mixed_commits' });
  });
});
