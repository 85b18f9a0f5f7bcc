/** Locating and loading sotto_whisper.node, and the shape of what it exports. */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WhisperError } from './errors';
import type { WhisperSegment } from './types';

export interface RawSegment extends WhisperSegment {
  index: number;
}

export interface RawResult {
  segments: RawSegment[];
  language: string;
  encodeMsPerPass: number;
  encoderPasses: number;
  totalMs: number;
  capped: boolean;
  /** How often whisper asked the abort callback: per graph node once the callback reaches the backends. */
  abortPolls: number;
}

/** The options object addon.cc reads: every field present. */
export interface NativeTranscribeOptions {
  language: string;
  translate: boolean;
  threads: number;
  audioCtx: number;
  maxTokens: number;
  initialPrompt: string;
  singleSegment: boolean;
  temperatureFallback: boolean;
  exactTokens: boolean;
}

export interface NativeModel {
  /** Where the model runs: "CPU", or the ggml device name of its GPU ("Vulkan0"). */
  readonly device: string;
  transcribe(pcm: Float32Array, opts: NativeTranscribeOptions, jobId: number, onSegment?: (s: RawSegment) => void): Promise<RawResult>;
  cancel(jobId: number): void;
  dispose(): Promise<void>;
}

export interface NativeBinding {
  /** gpuDevice: whisper's n-th GPU (RawDevice.gpuIndex), or -1 for the CPU. */
  loadModel(path: string, gpuDevice: number, backendDir: string, flashAttn: boolean): Promise<NativeModel>;
  /** Loads the modules in backendDir/gpu, once per process (later calls return the first result). */
  loadGpuBackends(backendDir: string): { loaded: string[]; failed: string[] };
  devices(backendDir: string): RawDevice[];
  langId(code: string): number;
  systemInfo(): string;
  version(): string;
}

export interface RawDevice {
  name: string;
  description: string;
  type: 'cpu' | 'gpu' | 'igpu' | 'accel';
  memoryFree: number;
  memoryTotal: number;
  /** The n-th GPU or integrated GPU, as whisper counts them (its gpu_device), or -1. */
  gpuIndex: number;
}

export const ADDON_FILE = 'sotto_whisper.node';
let nativeDirOverride: string | undefined;
let binding: NativeBinding | undefined;

/** For packaged apps: the folder holding sotto_whisper.node (e.g. inside app.asar.unpacked). Call before first use. */
export function setNativeDir(dir: string): void {
  nativeDirOverride = dir;
  binding = undefined;
}

/** SOTTO_NATIVE_DIR, else setNativeDir(), else <repo>/native/build/Release. */
export function nativeDir(): string {
  if (process.env.SOTTO_NATIVE_DIR) return process.env.SOTTO_NATIVE_DIR;
  if (nativeDirOverride) return nativeDirOverride;
  // Bundled (CJS) builds have no import.meta.url: they must use setNativeDir or SOTTO_NATIVE_DIR.
  const here = typeof import.meta.url === 'string' ? path.dirname(fileURLToPath(import.meta.url)) : process.cwd();
  return path.resolve(here, '..', 'build', 'Release');
}

export function loadBinding(): NativeBinding {
  if (binding) return binding;
  const dir = nativeDir();
  const file = path.join(dir, ADDON_FILE);
  try {
    const req = createRequire(path.join(dir, 'index.js'));
    binding = req(file) as NativeBinding;
  } catch (e) {
    throw new WhisperError('addon_missing', `cannot load the whisper addon ${file}: ${(e as Error).message} — run \`npm run build:native\` (or set SOTTO_NATIVE_DIR)`, { cause: e });
  }
  return binding;
}

/** whisper.cpp version and CPU features of the loaded addon (e.g. "AVX2 = 1"). */
export function whisperSystemInfo(): { version: string; system: string } {
  const b = loadBinding();
  return { version: b.version(), system: b.systemInfo() };
}

/** True when whisper knows this language code ('auto' included). */
export function isWhisperLanguage(code: string): boolean {
  return code === 'auto' || loadBinding().langId(code) >= 0;
}
