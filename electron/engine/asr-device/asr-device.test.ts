import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../contract';
import type { ComputeDevice } from '../../../native/whisper/index';
import { AsrDevice, type NativeGpu } from './asr-device';
import type { ProbeLauncher } from './probe';
import type { ProbeRequest, ProbeResult, ProbeStep } from './probe-protocol';
import { GpuInUseMarker } from './gpu-in-use';
import { ProbeRecords } from './probe-record';

const GiB = 2 ** 30;
const cpuDevice: ComputeDevice = { name: 'CPU', description: 'Test CPU', kind: 'cpu', memoryFreeBytes: 8 * GiB, memoryTotalBytes: 8 * GiB, gpuIndex: -1 };
const rtx: ComputeDevice = { name: 'Vulkan0', description: 'NVIDIA GeForce RTX 4060', kind: 'gpu', memoryFreeBytes: 7 * GiB, memoryTotalBytes: 8 * GiB, gpuIndex: 0 };

/** A probe child that answers from a script: each attempt's steps and how it ends (a result, or death). */
function scriptedLauncher(attempts: Array<{ steps: ProbeStep[]; result?: ProbeResult; exit?: number }>) {
  const requests: ProbeRequest[] = [];
  const launch: ProbeLauncher = (args) => {
    requests.push(JSON.parse(args[0]!) as ProbeRequest);
    const attempt = attempts.shift() ?? { steps: ['start'], exit: 1 };
    let out: (s: string) => void = () => undefined;
    let exit: (code: number | null, signal: string | null) => void = () => undefined;
    setImmediate(() => {
      for (const step of attempt.steps) out(`${JSON.stringify({ step })}\n`);
      if (attempt.result) out(`${JSON.stringify({ result: attempt.result })}\n`);
      exit(attempt.exit ?? 0, attempt.exit === 139 ? 'SIGSEGV' : null);
    });
    return { onStdout: (l) => (out = l), onStderr: () => undefined, onExit: (l) => (exit = l), kill: () => undefined };
  };
  return { launch, requests };
}

const ALL: ProbeStep[] = ['start', 'backends', 'devices', 'load', 'transcribe'];
const passed: ProbeResult = { ok: true, device: rtx, devices: [cpuDevice, rtx], backends: ['Vulkan'] };

let dir: string;
let model: string;
let events: EngineEvent[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sotto-asr-device-'));
  model = join(dir, 'model.bin');
  await writeFile(model, 'weights');
  events = [];
});
const opened: ProbeRecords[] = [];
afterEach(async () => {
  // Pending writes finish first: removing the folder under an atomic write in progress fails.
  await Promise.all(opened.splice(0).map((r) => r.flush()));
  await rm(dir, { recursive: true, force: true });
});

function device(launch: ProbeLauncher, native: Partial<NativeGpu> = {}, inUse?: GpuInUseMarker) {
  let enabled = 0;
  const gpu: NativeGpu = {
    shipped: () => ['libggml-vulkan.so'],
    buildId: () => 'build-1',
    enable: () => {
      enabled++;
      return { loaded: ['Vulkan'], failed: [] };
    },
    devices: () => (enabled > 0 ? [cpuDevice, rtx] : [cpuDevice]),
    ...native,
  };
  let probed = 0;
  const records = new ProbeRecords(join(dir, 'gpu-probe.json'));
  opened.push(records);
  const d = new AsrDevice({ records, ...(inUse ? { inUse } : {}), launch, emit: (e) => events.push(e), onProbed: () => probed++, native: gpu });
  return { d, records, enabledCount: () => enabled, probedCount: () => probed };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('AsrDevice', () => {
  it('runs on the CPU while the first probe runs, then on the GPU it passed, loading the GPU module only then', async () => {
    const { launch, requests } = scriptedLauncher([{ steps: ALL, result: passed }]);
    const { d, enabledCount, probedCount } = device(launch);
    expect(d.place('auto', model)).toEqual({ flashAttn: true, status: { name: 'CPU', kind: 'cpu', fallback: null } });
    expect(enabledCount()).toBe(0);
    await settle();
    expect(requests).toEqual([{ model, setting: 'auto', flashAttn: true }]);
    expect(probedCount()).toBe(1);
    expect(d.place('auto', model)).toEqual({ gpu: 0, flashAttn: true, status: { name: 'NVIDIA GeForce RTX 4060', kind: 'gpu', fallback: null } });
    expect(enabledCount()).toBe(1);
    expect(d.report('auto', model)).toMatchObject({ available: true, probing: false, devices: [{ id: 'gpu:NVIDIA GeForce RTX 4060', software: false }], last: { ok: true } });
  });

  it('a driver that dies with flash attention is tried once more without it, and then runs without it', async () => {
    const { launch, requests } = scriptedLauncher([{ steps: ALL, exit: 139 }, { steps: ALL, result: passed }]);
    const { d } = device(launch);
    await d.reprobe('auto', model);
    expect(requests.map((r) => r.flashAttn)).toEqual([true, false]);
    expect(d.place('auto', model)).toMatchObject({ gpu: 0, flashAttn: false });
    expect(d.report('auto', model).last?.message).toContain('without flash attention');
  });

  it('a probe that crashes in the Vulkan instance keeps the CPU, says why once, and is remembered across launches', async () => {
    const { launch, requests } = scriptedLauncher([{ steps: ['start', 'backends'], exit: 139 }]);
    const { d, records } = device(launch);
    await d.reprobe('auto', model);
    await records.flush();
    expect(requests).toHaveLength(1); // not a flash-attention problem: no second try
    const placed = d.place('auto', model);
    expect(placed.gpu).toBeUndefined();
    expect(placed.status.fallback).toMatch(/killed by SIGSEGV while loading the GPU backend \(creating the Vulkan instance/);
    expect(events).toEqual([expect.objectContaining({ type: 'notice', code: 'asr_gpu_probe_failed' })]);
    const again = device(scriptedLauncher([]).launch).d; // next launch: the same file, no new probe
    expect(again.place('auto', model).status.fallback).toBe(placed.status.fallback);
  });

  it("'auto' on a machine without a usable GPU stays quiet; a named GPU that is missing is said", async () => {
    const none: ProbeResult = { ok: false, reason: 'no_gpu', message: 'no GPU that Sotto would use was found', devices: [cpuDevice], backends: ['Vulkan'] };
    const { d } = device(scriptedLauncher([{ steps: ['start', 'backends', 'devices'], result: none }, { steps: ['start', 'backends', 'devices'], result: { ...none, message: 'AMD Radeon RX 7600 was not found' } }]).launch);
    await d.reprobe('auto', model);
    expect(d.place('auto', model).status.fallback).toBeNull();
    await d.reprobe('gpu:AMD Radeon RX 7600', model);
    expect(d.place('gpu:AMD Radeon RX 7600', model).status.fallback).toBe('AMD Radeon RX 7600 was not found.');
    expect(events.map((e) => e.type === 'notice' && e.code)).toEqual(['asr_gpu_probe_failed']);
  });

  it("a shipped GPU module that does not load (no Vulkan runtime) is said even under 'auto', once", async () => {
    const noRuntime: ProbeResult = { ok: false, reason: 'no_backend', message: 'the GPU backend did not load: libggml-vulkan.so (the Vulkan loader vulkan-1.dll / libvulkan.so.1 or a GPU driver is missing, or no usable device was found)', devices: [cpuDevice], backends: [] };
    const { d } = device(scriptedLauncher([{ steps: ['start', 'backends', 'devices'], result: noRuntime }]).launch);
    await d.reprobe('auto', model);
    expect(d.place('auto', model).status.fallback).toMatch(/^The GPU backend did not load: libggml-vulkan\.so \(the Vulkan loader vulkan-1\.dll/);
    d.place('auto', model);
    expect(events.map((e) => e.type === 'notice' && e.code)).toEqual(['asr_gpu_probe_failed']);
  });

  it('a GPU that fails the real load (out of memory) hands the model to the CPU, with a notice, until probed again', async () => {
    const { d } = device(scriptedLauncher([{ steps: ALL, result: passed }]).launch);
    await d.reprobe('auto', model);
    const onGpu = d.place('auto', model);
    const fallback = d.failedOnGpu('auto', model, onGpu, new Error('NVIDIA GeForce RTX 4060 has 0.50 GB of memory free and the model needs about 3.10 GB'));
    expect(fallback.gpu).toBeUndefined();
    expect(fallback.status.fallback).toContain('3.10 GB');
    expect(d.place('auto', model).gpu).toBeUndefined();
    expect(events).toEqual([expect.objectContaining({ code: 'asr_gpu_fallback' })]);
  });

  it("'cpu' never probes or loads a GPU module, but Settings can still list the GPUs 'auto' would see", async () => {
    const { launch, requests } = scriptedLauncher([{ steps: ALL, result: passed }]);
    const { d, enabledCount } = device(launch);
    expect(d.place('cpu', model).gpu).toBeUndefined();
    await settle();
    expect(requests).toEqual([]);
    const report = await d.reprobe('cpu', model);
    expect(requests).toEqual([{ model, setting: 'auto', flashAttn: true }]);
    expect(report.devices.map((g) => g.description)).toEqual(['NVIDIA GeForce RTX 4060']);
    expect(d.place('cpu', model).gpu).toBeUndefined();
    expect(enabledCount()).toBe(0);
  });

  it('a build with the GPU built in (Metal) places on it without a probe; a build without GPUs says so for a named GPU', () => {
    const metal: ComputeDevice = { ...rtx, name: 'MTL0', description: 'Apple M2', kind: 'igpu' };
    const { launch, requests } = scriptedLauncher([]);
    const builtIn = device(launch, { shipped: () => [], devices: () => [cpuDevice, metal] }).d;
    expect(builtIn.place('auto', model)).toMatchObject({ gpu: 0, status: { name: 'Apple M2', kind: 'igpu' } });
    const cpuOnly = device(launch, { shipped: () => [], devices: () => [cpuDevice] }).d;
    expect(cpuOnly.place('auto', model).status.fallback).toBeNull();
    expect(cpuOnly.place('gpu:Apple M2', model).status.fallback).toMatch(/Apple M2 is not available in this build/);
    expect(cpuOnly.report('auto', model)).toEqual({ available: false, probing: false, devices: [], last: null });
    const noAddon = device(launch, { shipped: () => [], devices: () => { throw new Error('cannot load the whisper addon'); } }).d;
    expect(noAddon.report('auto', model)).toEqual({ available: false, probing: false, devices: [], last: null });
    expect(requests).toEqual([]);
  });

  it('a new addon build or a changed model file probes again', async () => {
    const { launch, requests } = scriptedLauncher([{ steps: ALL, result: passed }, { steps: ALL, result: passed }, { steps: ALL, result: passed }]);
    let build = 'build-1';
    const { d } = device(launch, { buildId: () => build });
    await d.reprobe('auto', model);
    d.place('auto', model);
    build = 'build-2';
    d.place('auto', model);
    await settle();
    await writeFile(model, 'other weights, other size');
    d.place('auto', model);
    await settle();
    expect(requests).toHaveLength(3);
  });

  it('a run that dies with Whisper on the GPU keeps the next launch off that GPU, and says so to every window', async () => {
    const file = join(dir, 'gpu-in-use.json');
    const first = device(scriptedLauncher([{ steps: ALL, result: passed }]).launch, {}, new GpuInUseMarker(file));
    await first.d.reprobe('auto', model);
    expect(first.d.place('auto', model).gpu).toBe(0);
    expect(existsSync(file)).toBe(true); // ... and the process dies here, mid-transcription: no dispose()
    await first.records.flush();

    const next = device(scriptedLauncher([]).launch, {}, new GpuInUseMarker(file));
    const placed = next.d.place('auto', model);
    expect(placed.gpu).toBeUndefined();
    expect(placed.status.fallback).toBe('Sotto closed unexpectedly while Whisper ran on NVIDIA GeForce RTX 4060, so Whisper runs on the CPU now.');
    expect(next.d.notices).toEqual([expect.objectContaining({ type: 'notice', code: 'asr_gpu_crashed' })]);
    expect(existsSync(file)).toBe(false);
  });

  it('the marker goes when the model leaves the GPU or the app ends cleanly', async () => {
    const file = join(dir, 'gpu-in-use.json');
    const { d } = device(scriptedLauncher([{ steps: ALL, result: passed }]).launch, {}, new GpuInUseMarker(file));
    await d.reprobe('auto', model);
    d.place('auto', model);
    expect(existsSync(file)).toBe(true);
    d.place('cpu', model);
    expect(existsSync(file)).toBe(false);
    d.place('auto', model);
    await d.dispose();
    expect(existsSync(file)).toBe(false);
    expect(d.notices).toEqual([]);
  });
});
