import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PublicSettings, defaultSettings } from '../contract';
import { SETTINGS_TABS, type SettingsTab } from '../settings-tabs';
import { SettingsPanel } from './SettingsPanel';

const settings = (over: Partial<PublicSettings> = {}) => PublicSettings.parse({ ...defaultSettings(), apiKeySet: false, ...over });
const render = (s: PublicSettings, tab: SettingsTab) => renderToStaticMarkup(<SettingsPanel settings={s} tab={tab} />);
const fieldIds = (html: string) => [...html.matchAll(/<(?:input|select|textarea) id="([^"]+)"/g)].map((m) => m[1]);

describe('SettingsPanel', () => {
  it('has six tabs, Appearance among them, one selected and a Tab stop', () => {
    const html = render(settings(), 'general');
    expect([...html.matchAll(/role="tab"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual(SETTINGS_TABS.map((t) => t.label));
    expect(html.match(/aria-selected="true"/g)).toHaveLength(1);
    expect(html).toMatch(/id="settings-tab-general" aria-selected="true" aria-controls="settings-panel" tabindex="0"/);
    expect(html).toContain('aria-labelledby="settings-title"');
  });

  it('shows each field under its id, on its tab', () => {
    const fields: Record<SettingsTab, string[]> = {
      general: ['set-micDeviceIndex', 'set-asrModel', 'set-asrDevice', 'set-mode', 'set-hotkey'],
      translation: ['set-sourceLanguage', 'set-targetLanguage', 'set-maxDeviceWords', 'set-minAsrConfidence', 'set-minDeviceLogprob'],
      cloud: ['set-cloudBaseUrl', 'set-cloudModel', 'api-key', 'set-priceInput', 'set-priceOutput'],
      models: ['set-allow-downloads', 'set-modelMirror'],
      appearance: ['set-captionSize', 'set-theme'],
      privacy: ['set-glossary'],
    };
    for (const [tab, ids] of Object.entries(fields)) expect(fieldIds(render(settings(), tab as SettingsTab))).toEqual(ids);
    expect(render(settings(), 'general')).toContain('<label for="set-hotkey" class="field-label">Push-to-talk hotkey</label>');
  });

  it('disables the endpoint and the mirror, and offers the download consent, only in all-local mode', () => {
    const local = render(settings({ allLocal: true }), 'cloud');
    expect(local).toContain('<fieldset disabled="" aria-describedby="cloud-disabled-note">');
    expect(render(settings({ allLocal: true }), 'models')).toContain('<fieldset disabled="" aria-describedby="mirror-locked">');
    const cloud = render(settings({ allLocal: false, apiKeySet: true }), 'cloud');
    expect(cloud).not.toContain('cloud-disabled-note');
    expect(cloud).toContain('Remove key');
    expect(render(settings({ allLocal: false }), 'models')).not.toContain('set-allow-downloads');
  });

  it('has no Save button: changes apply at once', () => {
    const html = render(settings(), 'appearance');
    expect(html).toContain('Changes apply at once.');
    expect(html).not.toMatch(/>Save</);
  });

  it('marks only the fields the engine can reject with aria-invalid', () => {
    expect(render(settings(), 'general')).toMatch(/<select id="set-asrModel" class="input" aria-invalid="false">/);
    expect(render(settings(), 'appearance')).toMatch(/<select id="set-theme" class="input">/);
    expect(render(settings(), 'general')).toContain('<input id="set-hotkey" class="input" aria-describedby="set-hotkey-hint" aria-invalid="false" value="Alt+Space"/>');
  });
});
