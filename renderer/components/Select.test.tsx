import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages';
import { LanguageSelect, Select, languageOptions } from './Select';

describe('languageOptions', () => {
  it('puts the empty choice first: "Detect automatically" for the spoken language, "No translation" for the target', () => {
    expect(languageOptions('auto')[0]).toEqual({ value: 'auto', label: 'Detect automatically' });
    expect(languageOptions('none')[0]).toEqual({ value: '', label: 'No translation (captions only)' });
  });

  it('then offers every language, in the order of LANGUAGES', () => {
    for (const first of ['auto', 'none'] as const) {
      expect(languageOptions(first).slice(1)).toEqual(LANGUAGES.map((l) => ({ value: l.code, label: l.name })));
    }
  });
});

describe('Select', () => {
  it('renders the id, the options, the chosen value and the aria wiring it is given', () => {
    const html = renderToStaticMarkup(
      <Select id="set-theme" value="dark" options={[{ value: 'system', label: 'Follow the system' }, { value: 'dark', label: 'Dark' }]} onChange={() => {}} describedBy="set-theme-error" invalid />,
    );
    expect(html).toMatch(/^<select id="set-theme" class="input" aria-describedby="set-theme-error" aria-invalid="true">/);
    expect(html).toContain('<option value="system">Follow the system</option>');
    expect(html).toContain('<option value="dark" selected="">Dark</option>');
  });

  it('leaves aria-invalid out when the form does not mark the field', () => {
    const html = renderToStaticMarkup(<LanguageSelect id="fr-target" first="none" value="" onChange={() => {}} />);
    expect(html).not.toContain('aria-invalid');
    expect(html).toContain('<option value="" selected="">No translation (captions only)</option>');
    expect(html.match(/<option /g)).toHaveLength(LANGUAGES.length + 1);
  });
});
