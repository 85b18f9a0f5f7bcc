/**
 * rtf_base_gpu for bench:asr: the base model on a GPU through the app's own path (the release layout's Vulkan module,
 * a probe in a child process first, then timed runs in another child). With no hardware GPU, Mesa's software Vulkan
 * driver (lavapipe) is used when present and the result says so: it measures the path, not a GPU's speed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AsrDevice } from '../../electron/engine/asr-device/asr-device';
import { nodeProbeLauncher, runProbe } from '../../electron/engine/asr-device/probe';
import { ProbeRecords } from '../../electron/engine/asr-device/probe-record';
import type { TranscribeOptions } from '../../native/whisper/index';
import { ensureReleaseBuild, releaseHasVulkan } from '../../test-support/models/release-build';
import { repoRoot } from '../../test-support/models/test-assets';
import { progress } from './common';

export interface GpuRtf {
  device: string | null;
  software: boolean;
  flash_attn: boolean | null;
  runs_ms: number[];
  tokens: number[];
  /** Why there are no runs (no Vulkan build here, no GPU, the probe failed). */
  why: string | null;
}

const none = (why: string): GpuRtf => ({ device: null, software: false, flash_attn: null, runs_ms: [], tokens: [], why });

/** Which GPU to time: one 'auto' takes, else a software one (visible only with GGML_VK_VISIBLE_DEVICES). */
async function findGpu(model: string, nativeDir: string): Promise<{ setting: string; env: Record<string, string>; software: boolean } | string> {
  const base = { SOTTO_NATIVE_DIR: nativeDir };
  const auto = await runProbe(nodeProbeLauncher(), { model, setting: 'auto', flashAttn: true }, { timeoutMs: 300_000, env: base });
  if (auto.ok) return { setting: `gpu:${auto.device.description}`, env: base, software: false };
  const env = { ...base, GGML_VK_VISIBLE_DEVICES: '0' };
  const listed = await runProbe(nodeProbeLauncher(), { model, setting: 'auto', flashAttn: true }, { timeoutMs: 300_000, env });
  const software = listed.devices.find((d) => d.gpuIndex >= 0);
  return software ? { setting: `gpu:${software.description}`, env, software: true } : `no GPU found (${auto.message})`;
}

export async function gpuRtf(model: string, pcm: Float32Array, options: TranscribeOptions, runs: number): Promise<GpuRtf> {
  if (!releaseHasVulkan) return none('the Vulkan build is made on Linux x86-64 here (Windows in the release workflow)');
  progress('rtf: base on the GPU (release build with Vulkan; probe first)');
  const nativeDir = (await ensureReleaseBuild()).out;
  const gpu = await findGpu(model, nativeDir);
  if (typeof gpu === 'string') return none(gpu);
  const dir = await mkdtemp(path.join(tmpdir(), 'sotto-bench-gpu-'));
  try {
    const device = new AsrDevice({ records: new ProbeRecords(path.join(dir, 'gpu-probe.json')), launch: nodeProbeLauncher(), emit: () => undefined, onProbed: () => undefined, probeEnv: gpu.env });
    const setting = gpu.setting as `gpu:${string}`;
    await device.reprobe(setting, model);
    const record = device.record(setting, model);
    if (!record?.ok || !record.device) return none(`the probe failed: ${record?.message ?? 'no result'}`);
    const flashAttn = record.flashAttn;
    const pcmFile = path.join(dir, 'clip.f32');
    await writeFile(pcmFile, new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    const request = { model, pcmFile, device: record.device, flashAttn, runs, options };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/bench/gpu-rtf-child.ts'), JSON.stringify(request)], { env: { ...process.env, ...gpu.env }, maxBuffer: 16 << 20 });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as { runs_ms: number[]; tokens: number[] };
    return { device: record.device, software: gpu.software, flash_attn: flashAttn, runs_ms: result.runs_ms, tokens: result.tokens, why: null };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
