import { describe, expect, it } from 'vitest';
import type { GpuDevice, GpuReport } from './contract';
import { asrDeviceOptions, checkedAt, gpuLabel, gpuMemory, probeButton, probeText, shortDeviceName, whereItRuns } from './asr-device';

const GiB = 1024 ** 3;
const igpu: GpuDevice = { id: 'gpu:Intel(R) UHD Graphics 620 (KBL GT2)', description: 'Intel(R) UHD Graphics 620 (KBL GT2)', kind: 'igpu', memoryTotalBytes: 1.5 * GiB, software: false };
const dgpu: GpuDevice = { id: 'gpu:NVIDIA GeForce RTX 3060', description: 'NVIDIA GeForce RTX 3060', kind: 'gpu', memoryTotalBytes: 12 * GiB, software: false };
const soft: GpuDevice = { id: 'gpu:llvmpipe (LLVM 15.0.7, 256 bits)', description: 'llvmpipe (LLVM 15.0.7, 256 bits)', kind: 'igpu', memoryTotalBytes: 8 * GiB, software: true };
const report = (over: Partial<GpuReport> = {}): GpuReport => ({ available: true, probing: false, devices: [igpu, dgpu, soft], last: null, ...over });
const AT = '2030-05-04T14:03:00.000Z';

describe('GPU labels', () => {
  it('says integrated or dedicated and the memory in GB, and "software, slow" for a software renderer', () => {
    expect(gpuLabel(dgpu)).toBe('NVIDIA GeForce RTX 3060 · dedicated · 12 GB');
    expect(gpuLabel(igpu)).toBe('Intel(R) UHD Graphics 620 (KBL GT2) · integrated · 1.5 GB');
    expect(gpuLabel(soft)).toBe('llvmpipe (LLVM 15.0.7, 256 bits) · software, slow');
    expect(gpuLabel({ ...dgpu, memoryTotalBytes: 0 })).toBe('NVIDIA GeForce RTX 3060 · dedicated');
  });

  it('rounds memory the way GPU makers count it', () => {
    expect(gpuMemory(8 * GiB)).toBe('8 GB');
    expect(gpuMemory(7.96 * GiB)).toBe('8 GB');
    expect(gpuMemory(24 * GiB)).toBe('24 GB');
    expect(gpuMemory(0.01 * GiB)).toBe('<0.1 GB');
    expect(gpuMemory(0)).toBeNull();
  });
});

describe('asrDeviceOptions', () => {
  it('offers Automatic, CPU, then every GPU of the report by its id', () => {
    expect(asrDeviceOptions(report(), [igpu, dgpu, soft], 'auto').map((o) => o.value)).toEqual(['auto', 'cpu', igpu.id, dgpu.id, soft.id]);
    expect(asrDeviceOptions(report(), [igpu, dgpu, soft], 'auto').slice(0, 2)).toEqual([
      { value: 'auto', label: 'Automatic' },
      { value: 'cpu', label: 'CPU' },
    ]);
  });

  it('offers no GPU when the build has no GPU backend (or before the report), keeping Automatic and CPU', () => {
    expect(asrDeviceOptions(report({ available: false }), [dgpu], 'cpu').map((o) => o.value)).toEqual(['auto', 'cpu']);
    expect(asrDeviceOptions(null, [], 'auto').map((o) => o.value)).toEqual(['auto', 'cpu']);
  });

  it('keeps a GPU the setting names selectable under its name when the report does not list it', () => {
    expect(asrDeviceOptions(report({ devices: [] }), [], 'gpu:Radeon RX 6600').at(-1)).toEqual({ value: 'gpu:Radeon RX 6600', label: 'Radeon RX 6600' });
    expect(asrDeviceOptions(report(), [igpu, dgpu], 'gpu:Radeon RX 6600').at(-1)).toEqual({ value: 'gpu:Radeon RX 6600', label: 'Radeon RX 6600 · not found now' });
    expect(asrDeviceOptions(report({ available: false }), [], 'gpu:Radeon RX 6600').map((o) => o.value)).toEqual(['auto', 'cpu', 'gpu:Radeon RX 6600']);
  });
});

describe('where Whisper runs', () => {
  it('says the CPU, or the GPU and its kind, or that no model is loaded', () => {
    expect(whereItRuns({ name: 'CPU', kind: 'cpu', fallback: null })).toBe('Whisper runs on the CPU.');
    expect(whereItRuns({ name: 'NVIDIA GeForce RTX 3060', kind: 'gpu', fallback: null })).toBe('Whisper runs on NVIDIA GeForce RTX 3060 (dedicated GPU).');
    expect(whereItRuns({ name: 'Intel UHD 620', kind: 'igpu', fallback: null })).toBe('Whisper runs on Intel UHD 620 (integrated GPU).');
    expect(whereItRuns(null)).toBe('Whisper runs once a speech model is loaded.');
  });

  it('shortens a GPU name for the status bar: no trademark marks, no driver suffix', () => {
    expect(shortDeviceName('Intel(R) UHD Graphics 620 (KBL GT2)')).toBe('Intel UHD Graphics 620');
    expect(shortDeviceName('AMD Radeon™ RX 6600 (RADV NAVI23)')).toBe('AMD Radeon RX 6600');
    expect(shortDeviceName('NVIDIA GeForce RTX 3060')).toBe('NVIDIA GeForce RTX 3060');
    expect(shortDeviceName('(odd)')).toBe('(odd)');
  });
});

describe('the GPU check line', () => {
  const failed = report({ last: { ok: false, device: null, message: 'The GPU probe was killed by SIGSEGV while loading the GPU backend.', at: AT } });

  it('says what the last check found, with its time', () => {
    const ok = report({ last: { ok: true, device: dgpu.description, message: 'Whisper ran on NVIDIA GeForce RTX 3060.', at: AT } });
    expect(probeText(ok, false, null)).toBe(`Last check (${checkedAt(AT)}): Whisper ran on NVIDIA GeForce RTX 3060.`);
    expect(probeText(report(), false, null)).toBe('The GPUs have not been checked yet.');
    expect(probeText(failed, false, null)).toMatch(/^Last check \(.+\): The GPU probe was killed by SIGSEGV/);
  });

  it('does not repeat a failure the fallback reason above it already says', () => {
    expect(probeText(failed, false, 'The GPU probe was killed by SIGSEGV while loading the GPU backend.')).toBe(`Last check (${checkedAt(AT)}) failed.`);
  });

  it('offers "Try again" after a failed check, "Check GPUs" otherwise, and waits while one runs', () => {
    expect(probeButton(failed, false)).toBe('Try again');
    expect(probeButton(report(), false)).toBe('Check GPUs');
    expect(probeButton(failed, true)).toBe('Checking the GPU…');
    expect(probeText(failed, true, null)).toBe('This can take a minute or two the first time.');
  });

  it('shows the time alone today and the date too on another day', () => {
    const now = new Date(AT);
    expect(checkedAt(AT, now)).not.toMatch(/May/);
    expect(checkedAt(AT, new Date('2030-06-01T12:00:00.000Z'))).toMatch(/May/);
    expect(checkedAt('not a time')).toBe('');
  });
});
