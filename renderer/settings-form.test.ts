import { describe, expect, it } from 'vitest';
import { PublicSettings, defaultSettings } from './contract';
import { draftFromSettings, patchFromDraft } from './settings-form';

const current = PublicSettings.parse({ ...defaultSettings(), apiKeySet: false });

describe('settings form', () => {
  it('an untouched form produces an empty patch', () => {
    expect(patchFromDraft(current, draftFromSettings(current))).toEqual({ ok: true, patch: {} });
  });

  it('sends only what changed, with numbers, lists and "none" converted', () => {
    const draft = { ...draftFromSettings(current), targetLanguage: 'de', maxDeviceWords: '25', glossary: 'Sotto\n\n  Acme GmbH ', cloudBaseUrl: 'http://127.0.0.1:8080/v1' };
    expect(patchFromDraft(current, draft)).toEqual({
      ok: true,
      patch: { targetLanguage: 'de', glossary: ['Sotto', 'Acme GmbH'], cloud: { baseUrl: 'http://127.0.0.1:8080/v1' }, routing: { maxDeviceWords: 25 } },
    });
    const back = { ...draftFromSettings({ ...current, targetLanguage: 'de' }), targetLanguage: '' };
    expect(patchFromDraft({ ...current, targetLanguage: 'de' }, back)).toEqual({ ok: true, patch: { targetLanguage: null } });
  });

  it('reports zod messages per field instead of saving bad values', () => {
    const draft = { ...draftFromSettings(current), cloudBaseUrl: 'ftp://example.com', maxDeviceWords: '', minAsrConfidence: '1.5', hotkey: '  ' };
    const result = patchFromDraft(current, draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['cloudBaseUrl', 'hotkey', 'maxDeviceWords', 'minAsrConfidence']);
    expect(result.errors.minAsrConfidence).toMatch(/1/);
    expect(result.errors.maxDeviceWords).toBe('Enter a number.');
    expect(result.errors.cloudBaseUrl).toMatch(/http:\/\/ or https:\/\//);
  });
});
