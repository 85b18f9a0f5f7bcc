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
import { nodeProbeLauncher } from '../../electron/engine/asr-device/probe';
import { ProbeRecords, type ProbeRecord } from '../../electron/engine/asr-device/probe-record';
import type { AsrDeviceSetting } from '../../electron/contract';
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

/** One probe the app's way (with its retry without flash attention), and what it found. */
async function probed(model: string, setting: AsrDeviceSetting, env: Record<string, string>, dir: string): Promise<ProbeRecord | null> {
  const records = new ProbeRecords(path.join(dir, 'gpu-probe.json'));
  const device = new AsrDevice({ records, launch: nodeProbeLauncher(), emit: () => undefined, onProbed: () => undefined, probeEnv: env });
  await device.reprobe(setting, model);
  await records.flush(); // before the folder is removed
  return device.record(setting, model);
}

interface FoundGpu {
  device: string;
  flashAttn: boolean;
  env: Record<string, string>;
  software: boolean;
}

const passed = (record: ProbeRecord | null, env: Record<string, string>, software: boolean): FoundGpu | null =>
  record?.ok && record.device ? { device: record.device, flashAttn: record.flashAttn, env, software } : null;

/** The GPU to time: one 'auto' takes, else a software one (listed only with GGML_VK_VISIBLE_DEVICES). */
async function findGpu(model: string, nativeDir: string, dir: string): Promise<FoundGpu | string> {
  const base = { SOTTO_NATIVE_DIR: nativeDir };
  const auto = await probed(model, 'auto', base, dir);
  const hardware = passed(auto, base, false);
  if (hardware) return hardware;
  const env = { ...base, GGML_VK_VISIBLE_DEVICES: '0' };
  const software = (await probed(model, 'auto', env, dir))?.devices.find((d) => d.software);
  if (!software) return `no GPU found (${auto?.message ?? 'the probe gave no result'})`;
  const named = await probed(model, software.id as `gpu:${string}`, env, dir);
  return passed(named, env, true) ?? `the probe failed: ${named?.message ?? 'no result'}`;
}

export async function gpuRtf(model: string, pcm: Float32Array, options: TranscribeOptions, runs: number): Promise<GpuRtf> {
  if (!releaseHasVulkan) return none('the Vulkan build is made on Linux x86-64 here (Windows in the release workflow)');
  progress('rtf: base on the GPU (release build with Vulkan; probe first)');
  const nativeDir = (await ensureReleaseBuild()).out;
  const dir = await mkdtemp(path.join(tmpdir(), 'sotto-bench-gpu-'));
  try {
    const gpu = await findGpu(model, nativeDir, dir);
    if (typeof gpu === 'string') return none(gpu);
    const { device, flashAttn } = gpu;
    const pcmFile = path.join(dir, 'clip.f32');
    await writeFile(pcmFile, new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    const request = { model, pcmFile, device, flashAttn, runs, options };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/bench/gpu-rtf-child.ts'), JSON.stringify(request)], { env: { ...process.env, ...gpu.env }, maxBuffer: 16 << 20 });
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as { runs_ms: number[]; tokens: number[] };
    return { device, software: gpu.software, flash_attn: flashAttn, runs_ms: result.runs_ms, tokens: result.tokens, why: null };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
