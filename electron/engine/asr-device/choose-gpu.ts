import type { AsrDeviceSetting, GpuDevice } from '../../contract';
import type { ComputeDevice } from '../../../native/whisper/index';

/** Software renderers: a GPU device to Vulkan, but slower than whisper's own CPU code, so 'auto' never takes them. */
const SOFTWARE = /\b(llvmpipe|lavapipe|softpipe|swiftshader)\b/i;

/** The settings value that names this GPU. */
export const gpuSettingId = (description: string): string => `gpu:${description}`;

/** A ggml device as Settings lists it (GPUs only). */
export function toGpuDevice(d: ComputeDevice): GpuDevice | null {
  if (d.kind !== 'gpu' && d.kind !== 'igpu') return null;
  return { id: gpuSettingId(d.description), description: d.description, kind: d.kind, memoryTotalBytes: d.memoryTotalBytes, software: SOFTWARE.test(d.description) };
}

/**
 * The GPU this setting means among `devices`, or null for the CPU: 'cpu' → null; 'gpu:<description>' → that GPU (null
 * when it is gone); 'auto' → a discrete GPU (the one with most memory), else an integrated one, never a software one.
 */
export function chooseGpu(setting: AsrDeviceSetting, devices: readonly ComputeDevice[]): ComputeDevice | null {
  const gpus = devices.filter((d) => d.gpuIndex >= 0 && (d.kind === 'gpu' || d.kind === 'igpu'));
  if (setting === 'cpu') return null;
  if (setting !== 'auto') return gpus.find((d) => gpuSettingId(d.description) === setting) ?? null;
  const real = gpus.filter((d) => !SOFTWARE.test(d.description));
  const byMemory = (a: ComputeDevice, b: ComputeDevice) => b.memoryTotalBytes - a.memoryTotalBytes;
  return real.filter((d) => d.kind === 'gpu').sort(byMemory)[0] ?? real.filter((d) => d.kind === 'igpu').sort(byMemory)[0] ?? null;
}
