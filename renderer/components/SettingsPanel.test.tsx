import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PublicSettings, defaultSettings } from '../contract';
import { SettingsPanel } from './SettingsPanel';

const settings = (over: Partial<PublicSettings> = {}) => PublicSettings.parse({ ...defaultSettings(), apiKeySet: false, ...over });
const render = (s: PublicSettings) => renderToStaticMarkup(<SettingsPanel settings={s} onClose={() => {}} />);

describe('SettingsPanel', () => {
  it('shows every field under its id, in its group, as the e2e specs and the labels expect', () => {
    const html = render(settings());
    const ids = [...html.matchAll(/<(?:input|select|textarea) id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'set-sourceLanguage', 'set-targetLanguage',
      'set-micDeviceIndex', 'set-asrModel', 'set-mode', 'set-hotkey',
      'set-cloudBaseUrl', 'set-cloudModel', 'api-key', 'set-maxDeviceWords', 'set-minAsrConfidence', 'set-minDeviceLogprob',
      'set-allow-downloads',
      'set-glossary',
      'set-captionSize', 'set-theme',
    ]);
    expect([...html.matchAll(/<legend>([^<]+)<\/legend>/g)].map((m) => m[1])).toEqual(['Languages', 'Speech', 'Cloud endpoint (OpenAI-compatible)', 'Models', 'Glossary', 'Appearance']);
    expect(html).toContain('aria-labelledby="settings-title"');
    expect(html).toContain('<label for="set-hotkey" class="field-label">Push-to-talk hotkey</label>');
  });

  it('disables the cloud fields and offers the download consent only in all-local mode', () => {
    const local = render(settings({ allLocal: true }));
    expect(local).toContain('<fieldset disabled="" aria-describedby="cloud-disabled-note">');
    expect(local).toContain('id="set-allow-downloads"');
    const cloud = render(settings({ allLocal: false, apiKeySet: true }));
    expect(cloud).not.toContain('cloud-disabled-note');
    expect(cloud).not.toContain('set-allow-downloads');
    expect(cloud).toContain('Remove key');
  });

  it('marks only the fields the engine can reject with aria-invalid', () => {
    const html = render(settings());
    expect(html).toMatch(/<select id="set-asrModel" class="input" aria-invalid="false">/);
    expect(html).toMatch(/<select id="set-theme" class="input">/);
    expect(html).toContain('<input id="set-hotkey" class="input" aria-describedby="set-hotkey-hint" aria-invalid="false"');
  });
});
