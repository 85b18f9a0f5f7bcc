import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { GpuDevice, GpuReport } from '../../contract';
import { AsrDeviceView, type AsrDeviceViewProps } from './AsrDeviceField';

const GiB = 1024 ** 3;
const devices: GpuDevice[] = [
  { id: 'gpu:Intel(R) UHD Graphics 620', description: 'Intel(R) UHD Graphics 620', kind: 'igpu', memoryTotalBytes: 2 * GiB, software: false },
  { id: 'gpu:NVIDIA GeForce RTX 3060', description: 'NVIDIA GeForce RTX 3060', kind: 'gpu', memoryTotalBytes: 12 * GiB, software: false },
  { id: 'gpu:llvmpipe (LLVM 15.0.7, 256 bits)', description: 'llvmpipe (LLVM 15.0.7, 256 bits)', kind: 'igpu', memoryTotalBytes: 0, software: true },
];
const SEGV = 'The GPU probe was killed by SIGSEGV while loading the GPU backend.';
const report = (over: Partial<GpuReport> = {}): GpuReport => ({ available: true, probing: false, devices, last: { ok: true, device: 'NVIDIA GeForce RTX 3060', message: 'Whisper ran on NVIDIA GeForce RTX 3060.', at: new Date().toISOString() }, ...over });
const render = (over: Partial<AsrDeviceViewProps> = {}) =>
  renderToStaticMarkup(
    <AsrDeviceView value="auto" onChoose={() => {}} report={report()} devices={devices} checking={false} onProbe={() => {}} device={{ name: 'NVIDIA GeForce RTX 3060', kind: 'gpu', fallback: null }} {...over} />,
  );
const options = (html: string) => [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => `${m[1]} = ${m[2]}`);

describe('AsrDeviceView', () => {
  it('is a labelled select with Automatic, CPU and each GPU (kind, memory, software marked slow)', () => {
    const html = render();
    expect(html).toContain('<label for="set-asrDevice" class="field-label">Speech recognition runs on</label>');
    expect(options(html)).toEqual([
      'auto = Automatic',
      'cpu = CPU',
      'gpu:Intel(R) UHD Graphics 620 = Intel(R) UHD Graphics 620 · integrated · 2 GB',
      'gpu:NVIDIA GeForce RTX 3060 = NVIDIA GeForce RTX 3060 · dedicated · 12 GB',
      'gpu:llvmpipe (LLVM 15.0.7, 256 bits) = llvmpipe (LLVM 15.0.7, 256 bits) · software, slow',
    ]);
    expect(render({ value: 'gpu:NVIDIA GeForce RTX 3060' })).toContain('<option value="gpu:NVIDIA GeForce RTX 3060" selected="">');
  });

  it('says under it where Whisper runs now and the last check, with a "Check GPUs" button', () => {
    const html = render();
    expect(html).toContain('<p id="asr-device-now" data-asr-device="gpu">Whisper runs on NVIDIA GeForce RTX 3060 (dedicated GPU).</p>');
    expect(html).toMatch(/<span class="field-hint" role="status">Last check \([^)]+\): Whisper ran on NVIDIA GeForce RTX 3060\.<\/span>/);
    expect(html).toContain('<button type="button" class="button small">Check GPUs</button>');
    expect(html).toContain('aria-describedby="asr-device-now"');
    expect(html).not.toContain('asr-device-fallback');
  });

  it('shows the fallback reason as a warning the select points to, once, with "Try again"', () => {
    const html = render({ value: 'gpu:NVIDIA GeForce RTX 3060', report: report({ last: { ok: false, device: 'NVIDIA GeForce RTX 3060', message: SEGV, at: new Date().toISOString() } }), device: { name: 'CPU', kind: 'cpu', fallback: SEGV } });
    expect(html).toContain('aria-describedby="asr-device-now asr-device-fallback"');
    expect(html).toContain(`<p id="asr-device-fallback" class="asr-device-fallback"><span aria-hidden="true">⚠ </span>${SEGV}</p>`);
    expect(html.split(SEGV)).toHaveLength(2); // said once, not again as the last check's message
    expect(html).toMatch(/role="status">Last check \([^)]+\) failed\.</);
    expect(html).toContain('>Try again</button>');
  });

  it('disables the button and says "Checking the GPU…" while a check runs', () => {
    expect(render({ checking: true })).toContain('<button type="button" class="button small" disabled="">Checking the GPU…</button>');
  });

  it('without a GPU backend: a plain sentence, only Automatic and CPU, and no check button', () => {
    const html = render({ report: report({ available: false, devices: [], last: null }), devices: [], device: { name: 'CPU', kind: 'cpu', fallback: null } });
    expect(options(html)).toEqual(['auto = Automatic', 'cpu = CPU']);
    expect(html).toContain('This build of Sotto has no GPU backend, so Whisper uses the CPU.');
    expect(html).toContain('Whisper runs on the CPU.');
    expect(html).not.toContain('<button');
  });

  it('before the engine answered: the two choices that always exist, and no check line yet', () => {
    const html = render({ report: null, devices: [], device: null });
    expect(options(html)).toEqual(['auto = Automatic', 'cpu = CPU']);
    expect(html).toContain('Whisper runs once a speech model is loaded.');
    expect(html).not.toContain('<button');
  });
});
