import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOnnxSession, OnnxError } from './index';

const sileroPath = path.join(path.dirname(createRequire(import.meta.url).resolve('@ricky0123/vad-web')), 'silero_vad_v5.onnx');

describe('createOnnxSession', () => {
  it('loads a model and runs it with plain typed arrays', async () => {
    const session = await createOnnxSession(sileroPath);
    expect(session.inputNames).toEqual(['input', 'state', 'sr']);
    const out = await session.run({
      input: { data: new Float32Array(512), dims: [1, 512] },
      state: { data: new Float32Array(256), dims: [2, 1, 128] },
      sr: { data: new BigInt64Array([16000n]), dims: [] },
    });
    expect(out['output']!.dims).toEqual([1, 1]);
    expect(out['stateN']!.data).toBeInstanceOf(Float32Array);
    expect(out['stateN']!.data.length).toBe(256);
    await session.release();
    await session.release(); // idempotent
    await expect(session.run({})).rejects.toThrow(OnnxError);
  });

  it('a wrong input is an OnnxError naming the model, not a crash', async () => {
    const session = await createOnnxSession(sileroPath);
    await expect(session.run({ input: { data: new Float32Array(3), dims: [1, 3] } })).rejects.toThrow(/silero_vad_v5.onnx failed to run/);
    await session.release();
  });

  it('a missing or damaged file is an OnnxError that says what to do', async () => {
    await expect(createOnnxSession('/nonexistent/model.onnx')).rejects.toThrow(/Cannot read ONNX model.*ENOENT.*reinstall/);
    const dir = await mkdtemp(path.join(tmpdir(), 'sotto-onnx-'));
    try {
      const damaged = path.join(dir, 'damaged.onnx');
      await writeFile(damaged, 'this is not a protobuf');
      await expect(createOnnxSession(damaged)).rejects.toThrow(OnnxError);
      await expect(createOnnxSession(damaged)).rejects.toThrow(/Could not load ONNX model .*damaged/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
