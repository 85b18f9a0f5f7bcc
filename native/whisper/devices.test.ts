import { describe, expect, it } from 'vitest';
import { checkGpuMemory } from './devices';

// ggml aborts the whole process (GGML_ASSERT(buffer)) when a GPU buffer cannot be allocated during a load: seen here
// with GGML_VK_FORCE_MAX_BUFFER_SIZE on lavapipe. So the estimate is checked against the GPU's free memory first.
describe('checkGpuMemory', () => {
  const gpu = { description: 'NVIDIA GeForce GTX 1650', memoryFreeBytes: 4e9 };

  it('lets a model through that fits in nine tenths of the free memory', () => {
    expect(() => checkGpuMemory(3.5e9, gpu)).not.toThrow();
  });

  it('refuses one that does not, with a gpu_failed error the app answers by loading on the CPU', () => {
    expect(() => checkGpuMemory(3.7e9, gpu)).toThrow(expect.objectContaining({ code: 'gpu_failed', message: 'NVIDIA GeForce GTX 1650 has 4.00 GB of memory free and the model needs about 3.70 GB' }));
  });
});
