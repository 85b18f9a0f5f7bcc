import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Status } from '../contract';
import { ModelItem } from './StatusBar';

const render = (model: Status['model'] | undefined) => renderToStaticMarkup(<ModelItem model={model} />);
const text = (html: string) => html.replace(/<span class="visually-hidden">.*?<\/span>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('StatusBar model item', () => {
  it('names where the loaded model runs: the CPU, or the GPU shortly with its full name in the title', () => {
    expect(text(render({ id: 'ggml-base', loaded: true, device: { name: 'CPU', kind: 'cpu', fallback: null } }))).toBe('ggml-base on CPU');
    const gpu = render({ id: 'ggml-base', loaded: true, device: { name: 'AMD Radeon RX 6600 (RADV NAVI23)', kind: 'gpu', fallback: null } });
    expect(text(gpu)).toBe('ggml-base on AMD Radeon RX 6600');
    expect(gpu).toContain('title="Whisper runs on AMD Radeon RX 6600 (RADV NAVI23) (dedicated GPU)."');
    expect(gpu).toContain('data-asr-device="gpu"');
    expect(gpu).not.toContain('⚠');
  });

  it('marks a fallback with a warning sign, and says why in the title and to screen readers', () => {
    const reason = 'The GPU probe was killed by SIGSEGV while loading the GPU backend.';
    const html = render({ id: 'ggml-base', loaded: true, device: { name: 'CPU', kind: 'cpu', fallback: reason } });
    expect(html).toContain('class="asr-device-name warn"');
    expect(html).toContain('<span aria-hidden="true">⚠</span>');
    expect(html).toContain(`title="Whisper runs on the CPU. ${reason}"`);
    expect(html).toContain(`<span class="visually-hidden">, not on the GPU: ${reason}</span>`);
  });

  it('says loaded / not loaded when the engine does not say where, and no device before the model is loaded', () => {
    expect(text(render({ id: '/models/ggml-small.bin', loaded: true, device: null }))).toBe('ggml-small.bin loaded');
    expect(text(render({ id: 'ggml-base', loaded: false, device: { name: 'CPU', kind: 'cpu', fallback: null } }))).toBe('ggml-base not loaded');
    expect(text(render(undefined))).toBe('No model');
  });
});
