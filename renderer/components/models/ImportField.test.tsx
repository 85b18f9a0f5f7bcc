import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiContext } from '../../api';
import type { ModelEntry, SottoApi } from '../../contract';
import { ImportField } from './ModelRow';

const model = (kind: ModelEntry['kind']): ModelEntry => ({ id: `m-${kind}`, kind, name: 'Whisper base', size: 1, languages: [], installed: false, recommended: false, description: '' });
const api = (withPaths: boolean): SottoApi => ({
  invoke: () => Promise.reject(new Error('not in this test')),
  onEvent: () => () => undefined,
  ...(withPaths ? { pathForFile: () => '/home/me/ggml-base.bin' } : {}),
});
const render = (entry: ModelEntry, withPaths: boolean) =>
  renderToStaticMarkup(
    <ApiContext.Provider value={api(withPaths)}>
      <ImportField model={entry} onDone={() => undefined} />
    </ApiContext.Provider>,
  );

describe('ImportField', () => {
  it('offers the file picker in the app, a folder picker for a folder model', () => {
    const file = render(model('whisper'), true);
    expect(file).toContain('type="file"');
    expect(file).toContain('Choose the Whisper base file');
    expect(file).not.toContain('webkitdirectory');
    expect(render(model('translation'), true)).toMatch(/type="file"[^>]*webkitdirectory/);
  });

  it('offers a path field where the page cannot learn paths (a browser)', () => {
    const html = render(model('whisper'), false);
    expect(html).not.toContain('type="file"');
    expect(html).toContain('placeholder="/home/me/Downloads/ggml-base.bin"');
  });
});
