// Issue 11: with {"asrModel": "<crafted file>"} in settings.json the engine died at start-up (the model is preloaded),
// so the Electron main process died on every launch. Now the engine starts, tells why, and the picker works.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventLog } from '../../../test-support/engines/event-log';
import { CRAFTED_CASES, craftModel, type CraftedCase } from '../../../test-support/models/crafted-models';
import { ensureTestWhisperModel } from '../../../test-support/models/test-assets';
import type { loadWhisperModel, WhisperModel } from '../../../native/whisper/index';
import type { Placement } from '../asr-device/asr-device';
import type { ModelManager } from '../models/manager';
import { MemorySecretStore } from '../settings/memory-secrets';
import { AsrModelHolder } from './asr-model';
import { createEngineApp } from '.';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sotto-asr-model-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function startWith(asrModel: string, name: string) {
  const userData = join(dir, name);
  mkdirSync(userData);
  writeFileSync(join(userData, 'settings.json'), JSON.stringify({ version: 1, asrModel, asrThreads: 1, allLocal: true }));
  const app = await createEngineApp({ userDataDir: userData, secrets: new MemorySecretStore() });
  const events = new EventLog();
  app.onEvent(events.push);
  return { app, events };
}

describe('the engine starts whatever the settings say', { timeout: 60_000 }, () => {
  it.each(Object.keys(CRAFTED_CASES) as CraftedCase[])('with the crafted %s model configured', async (which) => {
    const file = await craftModel(dir, which);
    const { app, events } = await startWith(file, which);
    try {
      const [error] = await events.waitFor('error', 1, 0, 30_000);
      expect(error).toMatchObject({ code: CRAFTED_CASES[which].code, recoverable: true, caption_id: null });
      expect(error!.message).toContain(file);
      expect(error!.action).toMatch(/Settings → Models/);
      expect((await app.invoke('status.get', {})).model).toEqual({ id: file, loaded: false, device: null });
      // The picker still answers, and choosing a good model loads it.
      expect((await app.invoke('models.list', {})).models.length).toBeGreaterThan(0);
      const good = await ensureTestWhisperModel('test');
      await app.invoke('settings.update', { patch: { asrModel: good } });
      for (let i = 0; i < 200 && !(await app.invoke('status.get', {})).model.loaded; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await app.invoke('status.get', {})).model).toEqual({ id: good, loaded: true, device: { name: 'CPU', kind: 'cpu', fallback: null } });
    } finally {
      await app.dispose();
    }
  });
});

describe('AsrModelHolder', () => {
  it('remembers why the chosen model failed until another load starts (a window opening later can be told)', async () => {
    const holder = new AsrModelHolder({} as ModelManager, () => {});
    const file = await craftModel(dir, 'ftype-100');
    await expect(holder.get(file)).rejects.toMatchObject({ code: 'unsupported' });
    expect(holder.failure).toMatchObject({ code: 'unsupported' });
    const good = holder.get(await ensureTestWhisperModel('test'));
    expect(holder.failure).toBeNull();
    await good;
    await holder.dispose();
  });
});

describe('AsrModelHolder on a GPU', () => {
  const rtx = { name: 'NVIDIA GeForce RTX 4060', kind: 'gpu' as const, fallback: null };
  function holderWith(gpuError: Error | null) {
    const failed: unknown[] = [];
    let epoch = 0;
    let placement: Placement = { gpu: 0, flashAttn: false, status: rtx };
    const device = {
      place: () => placement,
      failedOnGpu: (_s: unknown, _p: unknown, _placed: unknown, error: unknown) => {
        failed.push(error);
        return { flashAttn: true, status: { name: 'CPU', kind: 'cpu' as const, fallback: 'Loading the speech model on the GPU failed.' } };
      },
    };
    const loads: Array<{ gpu?: number; flashAttn?: boolean } | undefined> = [];
    const load: typeof loadWhisperModel = async (path, opts) => {
      loads.push(opts);
      if (opts?.gpu !== undefined && gpuError) throw gpuError;
      return { path, device: opts?.gpu === undefined ? 'CPU' : 'Vulkan0', dispose: async () => undefined } as unknown as WhisperModel;
    };
    const holder = new AsrModelHolder({} as ModelManager, () => {}, { device, setting: () => 'auto', epoch: () => epoch }, load);
    return { holder, failed, loads, bump: () => epoch++, setPlace: (p: Placement) => (placement = p) };
  }

  it('loads where the device chooser places it, with its flash-attention choice', async () => {
    const { holder, loads } = holderWith(null);
    await holder.get('/models/ggml-base.bin');
    expect(loads).toEqual([{ gpu: 0, flashAttn: false }]);
    expect(holder.device).toEqual(rtx);
  });

  it('a GPU that cannot take the model hands it to the CPU and says so; other load errors stay errors', async () => {
    const gpuFailed = Object.assign(new Error('the GPU has 0.50 GB free'), { code: 'gpu_failed' });
    const { holder, failed, loads } = holderWith(gpuFailed);
    await holder.get('/models/ggml-base.bin');
    expect(failed).toEqual([gpuFailed]);
    expect(loads).toEqual([{ gpu: 0, flashAttn: false }, undefined]);
    expect(holder.device).toEqual({ name: 'CPU', kind: 'cpu', fallback: 'Loading the speech model on the GPU failed.' });
    const broken = holderWith(Object.assign(new Error('bad file'), { code: 'bad_format' }));
    await expect(broken.holder.get('/models/ggml-base.bin')).rejects.toMatchObject({ code: 'bad_format' });
  });

  it('after a probe ends (a new epoch) the model moves only when its place changes; otherwise the status follows', async () => {
    const { holder, loads, bump, setPlace } = holderWith(null);
    await holder.get('/models/ggml-base.bin');
    await holder.get('/models/ggml-base.bin');
    expect(loads).toHaveLength(1);
    setPlace({ gpu: 0, flashAttn: false, status: { ...rtx, name: 'NVIDIA GeForce RTX 4060 (renamed)' } });
    bump();
    await holder.get('/models/ggml-base.bin');
    expect(loads).toHaveLength(1);
    expect(holder.device?.name).toBe('NVIDIA GeForce RTX 4060 (renamed)');
    setPlace({ flashAttn: true, status: { name: 'CPU', kind: 'cpu', fallback: 'The GPU probe exited with code 134.' } });
    bump();
    await holder.get('/models/ggml-base.bin');
    expect(loads).toEqual([{ gpu: 0, flashAttn: false }, undefined]);
    expect(holder.device).toEqual({ name: 'CPU', kind: 'cpu', fallback: 'The GPU probe exited with code 134.' });
  });
});
