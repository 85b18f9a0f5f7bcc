// Real whisper.cpp addon, real (random-weight) ggml models, real espeak-ng speech. Nothing is mocked.
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestWhisperModel, repoRoot, speechPcm } from '../../test-support/models/test-assets';
import {
  ADDON_FILE,
  WhisperAbortedError,
  WhisperError,
  WhisperTimeoutError,
  audioCtxForSamples,
  isWhisperLanguage,
  loadWhisperModel,
  nativeDir,
  whisperSystemInfo,
  type TranscribeOptions,
  type WhisperModel,
  type WhisperSegment,
} from './index';

// One compute thread per test worker: vitest runs two workers on two cores, and ggml's spinning threads
// degrade badly when oversubscribed.
const base = { threads: 1, temperatureFallback: false } as const;

let modelPath: string;
let model: WhisperModel;
let speech: Float32Array; // ~3.5 s of English
let long: Float32Array; // 30 s: long enough that cancellation lands mid-work

beforeAll(async () => {
  modelPath = await ensureTestWhisperModel('test');
  model = await loadWhisperModel(modelPath);
  speech = await speechPcm('Hello world. This is a test of live captions.');
  long = new Float32Array(30 * 16_000);
  for (let i = 0; i < long.length; i++) long[i] = speech[i % speech.length]!;
});

afterAll(async () => {
  await model?.dispose();
});

const fast = (pcm: Float32Array, extra: Partial<TranscribeOptions> = {}): TranscribeOptions => ({
  ...base,
  language: 'en',
  audioCtx: audioCtxForSamples(pcm.length),
  maxTokens: 8,
  ...extra,
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    expect(e).toBeInstanceOf(WhisperError);
    return (e as WhisperError).code;
  }
}

/** What greedy decoding fixes; probabilities may differ in the last bits between runs (ggml's float reductions). */
const decoded = (segments: WhisperSegment[]) => segments.map(({ t0Ms, t1Ms, text, tokens }) => ({ t0Ms, t1Ms, text, tokens }));

function expectWellFormed(segments: WhisperSegment[], durationMs: number): void {
  for (const s of segments) {
    expect(s.t0Ms).toBeGreaterThanOrEqual(0);
    expect(s.t1Ms).toBeGreaterThanOrEqual(s.t0Ms);
    expect(s.t1Ms).toBeLessThanOrEqual(durationMs);
    expect(typeof s.text).toBe('string');
    expect(Number.isInteger(s.tokens) && s.tokens >= 0).toBe(true);
    expect(s.meanTokenProb).toBeGreaterThanOrEqual(0);
    expect(s.meanTokenProb).toBeLessThanOrEqual(1);
    expect(s.noSpeechProb).toBeGreaterThanOrEqual(0);
    expect(s.noSpeechProb).toBeLessThanOrEqual(1);
  }
}

describe('audioCtxForSamples', () => {
  it('gives 50 frames a second plus margin, in steps of 64, between 64 and 1500', () => {
    expect(audioCtxForSamples(0)).toBe(64);
    expect(audioCtxForSamples(16_000)).toBe(128); // 50 + 32 -> 128
    expect(audioCtxForSamples(3 * 16_000)).toBe(192); // 150 + 32 -> 192
    expect(audioCtxForSamples(10 * 16_000)).toBe(576);
    expect(audioCtxForSamples(30 * 16_000)).toBe(1500);
    expect(audioCtxForSamples(60 * 16_000)).toBe(1500);
    for (let s = 1_000; s < 30 * 16_000; s += 7_919) expect(audioCtxForSamples(s)).toBeGreaterThanOrEqual(Math.ceil((s * 50) / 16_000));
  });
});

describe('whisper addon', () => {
  it('is built for this CPU and knows whisper languages', () => {
    const info = whisperSystemInfo();
    expect(info.version).toBe('1.9.1');
    expect(info.system).toContain('CPU');
    expect(isWhisperLanguage('de')).toBe(true);
    expect(isWhisperLanguage('auto')).toBe(true);
    expect(isWhisperLanguage('xx')).toBe(false);
  });

  it('transcribes with auto language: well-formed segments inside the audio, streamed before the promise resolves', async () => {
    const streamed: WhisperSegment[] = [];
    let resolved = false;
    const p = model.transcribe(speech, fast(speech, { language: 'auto', onSegment: (s) => {
      expect(resolved).toBe(false);
      streamed.push(s);
    } }));
    const r = await p.finally(() => (resolved = true));
    expect(isWhisperLanguage(r.language) && r.language !== 'auto').toBe(true);
    expect(r.segments.length).toBeGreaterThan(0);
    expectWellFormed(r.segments, (speech.length / 16_000) * 1000);
    expect(streamed).toEqual(r.segments);
    expect(r.text).toBe(r.segments.map((s) => s.text).join('').trim());
    expect(r.timings.encoderPasses).toBeGreaterThanOrEqual(2); // detection + at least one window
    expect(r.timings.totalMs).toBeGreaterThan(0);
    expect(r.timings.encodeMs).toBeGreaterThan(0);
  });

  it('keeps the requested language and accepts the translate task and a prompt', async () => {
    const r = await model.transcribe(speech, fast(speech, { language: 'de', translate: true, initialPrompt: 'Sotto, captions' }));
    expect(r.language).toBe('de');
    expectWellFormed(r.segments, (speech.length / 16_000) * 1000);
    const single = await model.transcribe(speech, fast(speech, { singleSegment: true }));
    expect(single.segments.length).toBeLessThanOrEqual(1);
  });

  it('caps decoded tokens with maxTokens (random weights would decode garbage at length)', async () => {
    const tokens = (r: { segments: WhisperSegment[] }) => r.segments.reduce((n, s) => n + s.tokens, 0);
    const loose = await model.transcribe(speech, fast(speech, { maxTokens: 40 }));
    expect(tokens(loose)).toBeGreaterThan(3); // so the cap below has something to cut
    const tight = await model.transcribe(speech, fast(speech, { maxTokens: 3 }));
    expect(tokens(tight)).toBeLessThanOrEqual(3);
    expect(tight.capped).toBe(true);
  });

  it('is deterministic for the same input (greedy, no fallback)', async () => {
    const a = await model.transcribe(speech, fast(speech));
    const b = await model.transcribe(speech, fast(speech));
    expect(decoded(b.segments)).toEqual(decoded(a.segments));
  });

  it('rejects bad input with bad_input and stays usable', async () => {
    expect(await codeOf(model.transcribe(new Float32Array(0), fast(speech)))).toBe('bad_input');
    expect(await codeOf(model.transcribe([0.1, 0.2] as unknown as Float32Array, fast(speech)))).toBe('bad_input');
    expect(await codeOf(model.transcribe(speech, fast(speech, { language: 'klingon' })))).toBe('bad_input');
    expect(await codeOf(model.transcribe(speech, fast(speech, { audioCtx: 5000 })))).toBe('bad_input');
    expect(await codeOf(model.transcribe(speech, fast(speech, { threads: 0 })))).toBe('bad_input');
    expect(await codeOf(model.transcribe(speech, fast(speech, { timeoutMs: -1 })))).toBe('bad_input');
    expect(await codeOf(model.transcribe(speech, fast(speech)))).toBe('resolved');
  });

  it('settles on AbortSignal, cancels the native work, and the model works afterwards', async () => {
    const before = new AbortController();
    before.abort();
    await expect(model.transcribe(speech, fast(speech, { signal: before.signal }))).rejects.toBeInstanceOf(WhisperAbortedError);

    const ac = new AbortController();
    const p = model.transcribe(long, { ...base, language: 'en', maxTokens: 200, signal: ac.signal });
    await new Promise((r) => setImmediate(r)); // the native job has been queued
    ac.abort(new Error('user stopped'));
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WhisperAbortedError);
    expect((err as WhisperError).code).toBe('aborted');

    const after = await model.transcribe(speech, fast(speech));
    expect(after.segments.length).toBeGreaterThan(0);
  });

  it('settles on timeoutMs with WhisperTimeoutError, and the model works afterwards', async () => {
    const err = await model.transcribe(long, { ...base, language: 'en', maxTokens: 200, timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WhisperTimeoutError);
    expect((err as WhisperTimeoutError).timeoutMs).toBe(1);
    // Said at the moment of the timeout, when whisper.cpp is still stopping: not "the model is ready again".
    expect((err as Error).message).toMatch(/cancelled; whisper\.cpp stops at its next graph step/);
    const after = await model.transcribe(speech, fast(speech));
    expect(after.segments.length).toBeGreaterThan(0);
  });

  it('serializes concurrent calls: each finishes (callbacks included) before the next starts, none interferes', async () => {
    const events: string[] = [];
    const calls = [0, 1, 2].map((i) =>
      model
        .transcribe(speech, fast(speech, { onSegment: () => events.push(`seg${i}`) }))
        .then((r) => {
          events.push(`done${i}`);
          return r;
        }),
    );
    const results = await Promise.all(calls);
    expect(decoded(results[1]!.segments)).toEqual(decoded(results[0]!.segments));
    expect(decoded(results[2]!.segments)).toEqual(decoded(results[0]!.segments));
    const order = events.map((e) => Number(e.at(-1)));
    expect(order).toEqual([...order].sort()); // no interleaving between calls
    expect(events.filter((e) => e.startsWith('done'))).toEqual(['done0', 'done1', 'done2']);
  });

  it('a throwing onSegment fails that call only', async () => {
    const boom = new Error('callback bug');
    await expect(model.transcribe(speech, fast(speech, { onSegment: () => { throw boom; } }))).rejects.toBe(boom);
    expect((await model.transcribe(speech, fast(speech))).segments.length).toBeGreaterThan(0);
  });
});

describe('loading', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sotto-whisper-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('missing, random and truncated files give typed errors, not a dead process', async () => {
    const good = await fs.readFile(modelPath);
    const random = path.join(dir, 'random.bin');
    await fs.writeFile(random, Buffer.from(Array.from({ length: 1 << 16 }, (_, i) => (i * 2654435761) >>> 24)));
    const cut = path.join(dir, 'cut.bin');
    await fs.writeFile(cut, good.subarray(0, good.length - 100)); // whisper.cpp alone would accept this one
    expect(await codeOf(loadWhisperModel(path.join(dir, 'nope.bin')))).toBe('not_found');
    expect(await codeOf(loadWhisperModel(random))).toBe('bad_format');
    expect(await codeOf(loadWhisperModel(cut))).toBe('truncated');
    expect(await codeOf(loadWhisperModel(''))).toBe('bad_input');
    // still alive and able to load
    const again = await loadWhisperModel(modelPath);
    await again.dispose();
  });

  it('after dispose, calls reject with disposed; dispose is idempotent; a running call ends as disposed', async () => {
    const m = await loadWhisperModel(modelPath);
    const running = codeOf(m.transcribe(long, { ...base, language: 'en', maxTokens: 200 }));
    const queued = codeOf(m.transcribe(speech, fast(speech)));
    await new Promise((r) => setImmediate(r));
    await Promise.all([m.dispose(), m.dispose()]);
    expect(m.disposed).toBe(true);
    expect(await running).toBe('disposed');
    expect(await queued).toBe('disposed');
    expect(await codeOf(m.transcribe(speech, fast(speech)))).toBe('disposed');
  });

  it('a process exiting mid-transcription exits cleanly (no hang, no crash)', async () => {
    const script = path.join(dir, 'exit-mid-run.mts');
    await fs.writeFile(
      script,
      `import { loadWhisperModel } from ${JSON.stringify(path.join(repoRoot, 'native/whisper/index.ts'))};
const m = await loadWhisperModel(${JSON.stringify(modelPath)});
const pcm = new Float32Array(30 * 16000).map((_, i) => Math.sin(i / 7) * 0.2);
void m.transcribe(pcm, { language: 'auto', threads: 1, maxTokens: 400 }).catch(() => {});
void m.transcribe(pcm, { language: 'en', threads: 1 }).catch(() => {});
setTimeout(() => { console.log('exiting'); process.exit(7); }, 50);
`,
    );
    const { code, signal, out } = await new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (c, s) => resolve({ code: c, signal: s, out }));
    });
    expect({ code, signal }, out).toEqual({ code: 7, signal: null });
    expect(out).toContain('exiting');
  });

  it('works per worker thread: a worker has its own models, and terminating it mid-run leaves this thread working', async () => {
    // Plain JS against the addon itself: what matters is the addon's per-environment state and teardown.
    const script = path.join(dir, 'worker.mjs');
    await fs.writeFile(
      script,
      `import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';
const b = createRequire(workerData.addon)(workerData.addon);
const m = await b.loadModel(workerData.model, -1, '', true);
const pcm = new Float32Array(16000).map((_, i) => Math.sin(i / 9) * 0.2);
const r = await m.transcribe(pcm, { language: 'en', threads: 1, maxTokens: 2, audioCtx: 128 }, 1, () => {});
parentPort.postMessage({ segments: r.segments.length });
void m.transcribe(new Float32Array(8 * 16000).map((_, i) => Math.sin(i / 7) * 0.2), { language: 'en', threads: 1, maxTokens: 40 }, 2, () => {}).catch(() => {});
setTimeout(() => parentPort.postMessage('long-started'), 20);
`,
    );
    const worker = new Worker(script, { workerData: { addon: path.join(nativeDir(), ADDON_FILE), model: modelPath } });
    const messages: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m) => {
        messages.push(m);
        if (m === 'long-started') resolve();
      });
    });
    expect(messages[0]).toEqual({ segments: expect.any(Number) });
    expect(await worker.terminate()).toBe(1); // a crash would take this whole test process down instead
    expect((await model.transcribe(speech, fast(speech))).segments.length).toBeGreaterThan(0);
  });

  it('an idle loaded model does not keep the process alive', async () => {
    const script = path.join(dir, 'idle.mts');
    await fs.writeFile(
      script,
      `import { loadWhisperModel } from ${JSON.stringify(path.join(repoRoot, 'native/whisper/index.ts'))};
const m = await loadWhisperModel(${JSON.stringify(modelPath)});
const r = await m.transcribe(new Float32Array(16000), { language: 'en', threads: 1, maxTokens: 2, audioCtx: 128, onSegment: () => {} });
console.log('segments', r.segments.length);
`,
    );
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: 'ignore' });
      child.on('close', (c) => resolve(c));
    });
    expect(code).toBe(0);
  });
});
