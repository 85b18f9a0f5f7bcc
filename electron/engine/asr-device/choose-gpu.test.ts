import { describe, expect, it } from 'vitest';
import type { ComputeDevice } from '../../../native/whisper/index';
import { chooseGpu, toGpuDevice } from './choose-gpu';

const GiB = 2 ** 30;
const cpu: ComputeDevice = { name: 'CPU', description: 'AMD Ryzen 7', kind: 'cpu', memoryFreeBytes: 0, memoryTotalBytes: 32 * GiB, gpuIndex: -1 };
const igpu: ComputeDevice = { name: 'Vulkan0', description: 'Intel(R) UHD Graphics 770', kind: 'igpu', memoryFreeBytes: 0, memoryTotalBytes: 16 * GiB, gpuIndex: 0 };
const small: ComputeDevice = { name: 'Vulkan1', description: 'NVIDIA GeForce GTX 1650', kind: 'gpu', memoryFreeBytes: 0, memoryTotalBytes: 4 * GiB, gpuIndex: 1 };
const big: ComputeDevice = { name: 'Vulkan2', description: 'NVIDIA GeForce RTX 4070', kind: 'gpu', memoryFreeBytes: 0, memoryTotalBytes: 12 * GiB, gpuIndex: 2 };
const lavapipe: ComputeDevice = { name: 'Vulkan0', description: 'llvmpipe (LLVM 15.0.6, 256 bits)', kind: 'igpu', memoryFreeBytes: 0, memoryTotalBytes: 24 * GiB, gpuIndex: 0 };

describe('chooseGpu', () => {
  it("'auto' takes the discrete GPU with most memory over an integrated one", () => {
    expect(chooseGpu('auto', [cpu, igpu, small, big])).toBe(big);
  });

  it("'auto' takes an integrated GPU when there is no discrete one, and never a software renderer", () => {
    expect(chooseGpu('auto', [cpu, igpu])).toBe(igpu);
    expect(chooseGpu('auto', [cpu, lavapipe])).toBeNull();
    expect(chooseGpu('auto', [cpu])).toBeNull();
  });

  it("'cpu' is the CPU whatever is there; a named GPU is that one, by description, or none when it is gone", () => {
    expect(chooseGpu('cpu', [cpu, big])).toBeNull();
    expect(chooseGpu('gpu:NVIDIA GeForce GTX 1650', [cpu, igpu, small, big])).toBe(small);
    expect(chooseGpu('gpu:llvmpipe (LLVM 15.0.6, 256 bits)', [cpu, lavapipe])).toBe(lavapipe);
    expect(chooseGpu('gpu:NVIDIA GeForce GTX 1650', [cpu, igpu])).toBeNull();
  });

  it('lists GPUs for Settings with their setting id, and marks software renderers', () => {
    expect([cpu, igpu, lavapipe].map(toGpuDevice)).toEqual([
      null,
      { id: 'gpu:Intel(R) UHD Graphics 770', description: 'Intel(R) UHD Graphics 770', kind: 'igpu', memoryTotalBytes: 16 * GiB, software: false },
      { id: 'gpu:llvmpipe (LLVM 15.0.6, 256 bits)', description: 'llvmpipe (LLVM 15.0.6, 256 bits)', kind: 'igpu', memoryTotalBytes: 24 * GiB, software: true },
    ]);
  });
});
