import { describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../contract';
import { micOptions, speechModelOptions } from './options';

const model = (id: string, over: Partial<ModelEntry> = {}): ModelEntry => ({ id, kind: 'whisper', name: id, size: 148_000_000, languages: ['en'], installed: true, recommended: false, description: '', ...over });

describe('micOptions', () => {
  it('offers the system default first, then each device by its index', () => {
    expect(micOptions([{ index: 0, name: 'vmic' }, { index: 3, name: 'USB' }])).toEqual([
      { value: '-1', label: 'System default' },
      { value: '0', label: 'vmic' },
      { value: '3', label: 'USB' },
    ]);
  });
});

describe('speechModelOptions', () => {
  it('lists the speech models only, with size and whether they are installed', () => {
    const options = speechModelOptions([model('ggml-base', { name: 'Base' }), model('ggml-tiny', { name: 'Tiny', installed: false }), model('opus', { kind: 'translation' })], 'ggml-base');
    expect(options.map((o) => o.value)).toEqual(['ggml-base', 'ggml-tiny']);
    expect(options[0]!.label).toMatch(/^Base · .+B$/);
    expect(options[1]!.label).toMatch(/\(not installed\)$/);
  });

  it('keeps a model chosen by path (or gone from the catalog) selectable under its own name, first', () => {
    expect(speechModelOptions([model('ggml-base')], '/models/mine.bin')[0]).toEqual({ value: '/models/mine.bin', label: '/models/mine.bin' });
  });
});
