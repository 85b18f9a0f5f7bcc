import type { GpuDevice, GpuReport } from '../../electron/contract';

const GiB = 1024 ** 3;

/** A laptop with an integrated GPU, a dedicated one and Mesa's software renderer, as the probe lists them. */
export const INTEGRATED: GpuDevice = { id: 'gpu:Intel(R) UHD Graphics 620 (KBL GT2)', description: 'Intel(R) UHD Graphics 620 (KBL GT2)', kind: 'igpu', memoryTotalBytes: 2 * GiB, software: false };
export const DEDICATED: GpuDevice = { id: 'gpu:NVIDIA GeForce RTX 3060 Laptop GPU', description: 'NVIDIA GeForce RTX 3060 Laptop GPU', kind: 'gpu', memoryTotalBytes: 6 * GiB, software: false };
export const SOFTWARE: GpuDevice = { id: 'gpu:llvmpipe (LLVM 15.0.7, 256 bits)', description: 'llvmpipe (LLVM 15.0.7, 256 bits)', kind: 'igpu', memoryTotalBytes: 8 * GiB, software: true };
export const THREE_GPUS = [INTEGRATED, DEDICATED, SOFTWARE];

export const SEGV = 'The GPU probe was killed by SIGSEGV while loading the GPU backend (libvulkan_radeon.so); the driver crashed.';

/** The last probe passed on the dedicated GPU. */
export const probePassed = (): GpuReport => ({
  available: true,
  probing: false,
  devices: THREE_GPUS,
  last: { ok: true, device: DEDICATED.description, message: `Whisper ran on ${DEDICATED.description}.`, at: '2030-05-04T14:03:00.000Z' },
});

/** The last probe crashed: Whisper stays on the CPU and says why. */
export const probeCrashed = (): GpuReport => ({
  available: true,
  probing: false,
  devices: THREE_GPUS,
  last: { ok: false, device: null, message: SEGV, at: '2030-05-04T14:03:00.000Z' },
});
