/**
 * The compute devices whisper can run on, and the GPU backend modules (Vulkan) that add GPUs to them.
 *
 * enableGpuBackends() is the step a broken driver or an injected overlay layer crashes in (it creates the Vulkan
 * instance), so the app calls it in its main process only after a probe in a child process survived the same step
 * (electron/engine/asr-device). Until then, computeDevices() lists the CPU only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBinding, nativeDir, type RawDevice } from './binding';
import { mapNativeError, WhisperError } from './errors';

/** The folder beside the addon that holds GPU backend modules (scripts/build/build-native.mjs puts them there). */
export const GPU_DIR = 'gpu';

export interface ComputeDevice {
  /** ggml's name: "CPU", "Vulkan0" (numbered in the order the driver lists GPUs: not stable across machines). */
  name: string;
  /** What the driver calls it: "NVIDIA GeForce RTX 4060", "Intel(R) UHD Graphics 770", "llvmpipe (LLVM 15.0.6, 256 bits)". */
  description: string;
  /** 'igpu' shares the machine's memory (integrated, and software renderers); 'gpu' has its own. */
  kind: RawDevice['type'];
  memoryFreeBytes: number;
  memoryTotalBytes: number;
  /** For LoadOptions.gpu; -1 for the CPU and accelerators. */
  gpuIndex: number;
}

export interface GpuBackendsReport {
  /** Backends registered from the gpu/ folder ("Vulkan"). */
  loaded: string[];
  /** One line per module that did not load, with the likely reason; or why there is none to load. */
  failed: string[];
}

/** Loads the GPU backend modules beside the addon (once per process). See the module comment before calling it. */
export function enableGpuBackends(): GpuBackendsReport {
  try {
    const r = loadBinding().loadGpuBackends(nativeDir());
    return { loaded: [...r.loaded], failed: [...r.failed] };
  } catch (e) {
    throw mapNativeError(e);
  }
}

/** Every device ggml knows now: the CPU, plus the GPUs once enableGpuBackends() has run. */
export function computeDevices(): ComputeDevice[] {
  let raw: RawDevice[];
  try {
    raw = loadBinding().devices(nativeDir());
  } catch (e) {
    throw mapNativeError(e);
  }
  return raw.map((d) => ({ name: d.name, description: d.description, kind: d.type, memoryFreeBytes: d.memoryFree, memoryTotalBytes: d.memoryTotal, gpuIndex: d.gpuIndex }));
}

/**
 * ggml aborts the process (GGML_ASSERT(buffer)) when a GPU buffer cannot be allocated while loading, so a model that
 * would not fit the GPU's free memory is refused before whisper.cpp sees it, with a gpu_failed error the app answers by
 * loading on the CPU. A tenth of the free memory stays for the driver and the display.
 */
export function checkGpuMemory(needBytes: number, gpu: Pick<ComputeDevice, 'description' | 'memoryFreeBytes'>): void {
  const usable = Math.floor(gpu.memoryFreeBytes * 0.9);
  if (needBytes <= usable) return;
  const gb = (n: number) => `${(n / 1e9).toFixed(2)} GB`;
  throw new WhisperError('gpu_failed', `${gpu.description} has ${gb(gpu.memoryFreeBytes)} of memory free and the model needs about ${gb(needBytes)}`);
}

/** What an addon folder holds does not change while the app runs: read once per folder, asked on every placement. */
const folderFacts = new Map<string, { gpuModules: string[]; buildId: string }>();

function factsOf(dir: string): { gpuModules: string[]; buildId: string } {
  let facts = folderFacts.get(dir);
  if (!facts) {
    facts = { gpuModules: readGpuModules(dir), buildId: readBuildId(dir) };
    folderFacts.set(dir, facts);
  }
  return facts;
}

function readGpuModules(dir: string): string[] {
  try {
    return readdirSync(join(dir, GPU_DIR)).filter((f) => /\.(so|dll|dylib)$/.test(f));
  } catch {
    return [];
  }
}

function readBuildId(dir: string): string {
  try {
    return String((JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { hash?: unknown }).hash ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/** The GPU backend modules this build ships (the gpu/ folder beside the addon): none on macOS and in dev builds. */
export function shippedGpuModules(): string[] {
  return [...factsOf(nativeDir()).gpuModules];
}

/** The addon build's content hash (its manifest), so what was learned about a GPU is learned again after an update. */
export function nativeBuildId(): string {
  return factsOf(nativeDir()).buildId;
}
